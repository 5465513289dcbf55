// The planner's screen (#/planner): usage reports over a range of local days — occupancy, the weekly
// pattern, zones and desks ranked, entries and the capacity answer — each with a table and CSV.

import { Chart } from 'chart.js';
import type { ZodType } from 'zod';
import { sitePath } from '../../api-client.ts';
import { roleNotice } from '../../app/role-notice.ts';
import type { ViewContext, ViewFactory } from '../../app/view.ts';
import { html, setText } from '../../dom.ts';
import { translator } from '../../i18n/messages.ts';
import { createCapacityCard } from './capacity-card.ts';
import { registerCharts } from './charts.ts';
import { createEntriesCard } from './entries-card.ts';
import { createHeatmapCard } from './heatmap-card.ts';
import { type PlannerTranslate, plannerMessages } from './messages.ts';
import { createOccupancyCard } from './occupancy-card.ts';
import { createRangeControls, knownScope, RESOLUTION_PHRASE, scopeName } from './range-controls.ts';
import { createDeskRankingCard, createZoneRankingCard } from './ranking-cards.ts';
import type { ReportDeps } from './report-card.ts';
import { createReportFormat } from './report-format.ts';
import { localDay, type ReportRange, rangeFromParams, rangeToParams } from './report-range.ts';

export const createPlannerView: ViewFactory = (ctx) => {
  const t = translator(plannerMessages, ctx.lang);
  if (ctx.role !== 'planner' && ctx.role !== 'manager') {
    return roleNotice({
      title: t('roleTitle'),
      body: t('roleBody'),
      button: t('openToken'),
      askForToken: ctx.askForToken,
      testId: 'planner-role',
      className: 'planner',
    });
  }
  registerCharts(ctx.lang);
  const deps = reportDeps(ctx, t);
  const today = localDay(ctx.now(), ctx.site.timezone);
  const cards = [
    createOccupancyCard(deps),
    createCapacityCard(deps),
    createHeatmapCard(deps),
    createZoneRankingCard(deps, ctx.site),
    createEntriesCard(deps),
    createDeskRankingCard(deps, ctx.site),
  ];
  const range = knownScope(ctx.site, rangeFromParams(ctx.params, today));
  const summary = html('p', { class: 'planner-summary', 'data-testid': 'report-summary' });
  const status = html('p', { class: 'visually-hidden', role: 'status', 'data-testid': 'planner-status' });
  const controls = createRangeControls({
    t,
    site: ctx.site,
    today,
    range,
    onChange: (next) => void load(next),
  });
  const print = printButton(t);
  const element = html('main', { id: 'main', class: 'view planner', tabindex: '-1' }, [
    html('header', { class: 'planner-head' }, [
      html('div', {}, [
        html('p', { class: 'eyebrow' }, [ctx.site.name]),
        html('h1', {}, [t('title')]),
        summary,
      ]),
      print.element,
    ]),
    controls.element,
    status,
    html(
      'div',
      { class: 'planner-grid' },
      cards.map((card) => card.element),
    ),
  ]);
  let loads = 0;

  async function load(next: ReportRange, remember = true): Promise<void> {
    if (remember) ctx.setParams(rangeToParams(next));
    const mine = ++loads;
    const span = deps.format.range(next.from, next.to);
    const resolution = t(RESOLUTION_PHRASE[next.resolution]);
    setText(summary, t('summary', { range: span, resolution, scope: scopeName(ctx.site, next, t) }));
    setText(status, t('loading'));
    element.setAttribute('aria-busy', 'true');
    await Promise.all(cards.map((card) => card.load(next)));
    if (mine !== loads) return;
    element.removeAttribute('aria-busy');
    setText(status, t('loaded', { range: span }));
  }

  void load(range, false);
  return {
    element,
    close() {
      loads++;
      print.close();
      for (const card of cards) card.close();
    },
  };
};

function reportDeps(ctx: ViewContext, t: PlannerTranslate): ReportDeps {
  return {
    api: ctx.api,
    siteId: ctx.site.id,
    t,
    format: createReportFormat(ctx.lang),
    lang: ctx.lang,
    report: <T>(kind: string, schema: ZodType<T>, query: Record<string, string>) =>
      ctx.api.get(`${sitePath(ctx.site.id)}/reports/${kind}`, schema, query),
  };
}

/** The print button, and chart.js told to fit its canvases to the paper's boxes and back. */
function printButton(t: PlannerTranslate) {
  const element = html('button', { type: 'button', class: 'button-primary planner-print' }, [
    html('span', { class: 'icon-print', 'aria-hidden': 'true' }),
    t('print'),
  ]);
  element.addEventListener('click', () => window.print());
  const resizeCharts = () => {
    for (const chart of Object.values(Chart.instances)) chart.resize();
  };
  window.addEventListener('beforeprint', resizeCharts);
  window.addEventListener('afterprint', resizeCharts);
  return {
    element,
    close() {
      window.removeEventListener('beforeprint', resizeCharts);
      window.removeEventListener('afterprint', resizeCharts);
    },
  };
}
