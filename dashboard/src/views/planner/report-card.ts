import type { Chart } from 'chart.js';
import type { ZodType } from 'zod';
import { type ApiClient, ApiError, sitePath } from '../../api-client.ts';
import { html, setAttr, setText } from '../../dom.ts';
import { saveText } from './csv-download.ts';
import type { PlannerKey, PlannerTranslate } from './messages.ts';
import type { ReportFormat } from './report-format.ts';
import type { ReportKind, ReportRange } from './report-range.ts';

// One report on the page: heading, help, the chart (or other figure), its table alternative behind
// a toggle, a CSV button, and the loading, empty and error states. Each card loads on its own, so
// one slow or failing report never holds the others back.

export type ReportDeps = {
  api: ApiClient;
  siteId: string;
  t: PlannerTranslate;
  format: ReportFormat;
  lang: string;
  /** GET one report, its JSON checked: the path is built here once. */
  report<T>(kind: ReportKind, schema: ZodType<T>, query: Record<string, string>): Promise<T>;
};

/** What a card's render puts on the page. */
export type Rendered = { empty: boolean; table?: HTMLTableElement; charts?: Chart[]; notes?: Node[] };

export type CardSpec<T> = {
  key: string;
  title: PlannerKey;
  help: PlannerKey;
  wide?: boolean;
  /** False when the figure is a table already (the heatmap). */
  tableToggle?: boolean;
  fetch(range: ReportRange): Promise<T>;
  /** The API report and query whose `format=csv` gives this card's rows. */
  csv(range: ReportRange): { kind: ReportKind; query: Record<string, string> };
  render(data: T, range: ReportRange, figure: HTMLElement): Rendered;
};

export type ReportCard = { element: HTMLElement; load(range: ReportRange): Promise<void>; close(): void };

export function createReportCard<T>(deps: ReportDeps, spec: CardSpec<T>): ReportCard {
  const { t } = deps;
  const parts = cardParts(deps, spec, () => range);
  let charts: Chart[] = [];
  let generation = 0;
  let range: ReportRange | undefined;

  function show(rendered: Rendered, state: 'ready' | 'empty' | 'error', message: string): void {
    for (const chart of charts) chart.destroy();
    charts = rendered.charts ?? [];
    parts.notes.replaceChildren(...(rendered.notes ?? []));
    parts.tableHost.replaceChildren(...(rendered.table ? [rendered.table] : []));
    setText(parts.status, message);
    setAttr(parts.element, 'data-state', state);
  }

  return {
    element: parts.element,
    async load(next) {
      const mine = ++generation;
      range = next;
      setAttr(parts.element, 'aria-busy', 'true');
      setAttr(parts.element, 'data-state', 'loading');
      try {
        const data = await spec.fetch(next);
        if (mine !== generation) return;
        parts.figure.replaceChildren();
        const rendered = spec.render(data, next, parts.figure);
        show(rendered, rendered.empty ? 'empty' : 'ready', rendered.empty ? t('empty') : '');
      } catch (error) {
        if (mine !== generation) return;
        parts.figure.replaceChildren();
        show({ empty: true }, 'error', t('failed', { reason: reasonOf(error, t) }));
      } finally {
        if (mine === generation) setAttr(parts.element, 'aria-busy', false);
      }
    },
    close() {
      generation++;
      show({ empty: true }, 'empty', '');
    },
  };
}

/** The card's markup: heading and help, the tools, a status line, the figure, notes and the table. */
function cardParts<T>(deps: ReportDeps, spec: CardSpec<T>, range: () => ReportRange | undefined) {
  const { t } = deps;
  const tableHost = html('div', {
    id: `${spec.key}-table`,
    class: 'report-table-host visually-hidden',
    'data-table-for': spec.key,
  });
  const status = html('p', { class: 'report-status', role: 'status' });
  const figure = html('div', { class: 'report-figure' });
  const notes = html('div', { class: 'report-notes' });
  const heading = html('h2', { id: `${spec.key}-title` }, [t(spec.title)]);
  const withTable = spec.tableToggle !== false;
  const element = html(
    'section',
    {
      class: `report-card${spec.wide ? ' wide' : ''}`,
      'aria-labelledby': heading.id,
      'data-report': spec.key,
    },
    [
      html('header', { class: 'report-head' }, [
        html('div', {}, [heading, html('p', { class: 'report-help' }, [t(spec.help)])]),
        html('div', { class: 'report-tools' }, [
          withTable ? tableToggle(t, tableHost) : null,
          csvButton(deps, spec, range, status),
        ]),
      ]),
      status,
      figure,
      notes,
      withTable ? tableHost : null,
    ],
  );
  return { element, figure, notes, tableHost, status };
}

/** Shows the table that is otherwise only for screen readers (and paper). */
function tableToggle(t: PlannerTranslate, tableHost: HTMLElement): HTMLButtonElement {
  const toggle = html(
    'button',
    { type: 'button', class: 'button-quiet', 'aria-expanded': 'false', 'aria-controls': tableHost.id },
    [t('showTable')],
  );
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    setAttr(toggle, 'aria-expanded', String(open));
    setText(toggle, t(open ? 'hideTable' : 'showTable'));
    tableHost.classList.toggle('visually-hidden', !open);
  });
  return toggle;
}

function csvButton<T>(
  deps: ReportDeps,
  spec: CardSpec<T>,
  range: () => ReportRange | undefined,
  status: HTMLElement,
): HTMLButtonElement {
  const { t } = deps;
  const button = html(
    'button',
    { type: 'button', class: 'button-quiet', 'aria-label': t('csvLabel', { title: t(spec.title) }) },
    [html('span', { 'aria-hidden': 'true', class: 'icon-download' }), t('csv')],
  );
  button.addEventListener('click', () => {
    const current = range();
    if (!current) return;
    const { kind, query } = spec.csv(current);
    setAttr(button, 'aria-busy', 'true');
    deps.api
      .getText(`${sitePath(deps.siteId)}/reports/${kind}`, { ...query, format: 'csv' })
      .then((text) => saveText(text, `${deps.siteId}-${spec.key}-${current.from}-${current.to}.csv`))
      .catch((error: unknown) => setText(status, t('csvFailed', { reason: reasonOf(error, t) })))
      .finally(() => setAttr(button, 'aria-busy', false));
  });
  return button;
}

function reasonOf(error: unknown, t: PlannerTranslate): string {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return t('roleBody');
  if (error instanceof ApiError) return error.reason ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
