import type { Site } from '../../../../protocol/site-model.ts';
import { html } from '../../dom.ts';
import { drawChart, palette, valueAxis } from './charts.ts';
import { dataTable } from './data-table.ts';
import type { PlannerKey, PlannerTranslate } from './messages.ts';
import { createReportCard, type ReportDeps } from './report-card.ts';
import { reportQuery } from './report-range.ts';
import { type DeskRow, deskReportSchema, type Use, zoneReportSchema } from './report-schemas.ts';

// Zones and desks ranked by utilisation (the API's order), with the API's never/rare/used verdict
// shown in words and, on the bars, by colour and a legend.

const USE_KEY: Record<Use, PlannerKey> = { never: 'useNever', rare: 'useRare', used: 'useUsed' };
const BAR_HEIGHT = 22;

export function createZoneRankingCard(deps: ReportDeps, site: Site) {
  const { t, format } = deps;
  const floorName = (id: string) => site.floors.find((f) => f.id === id)?.name ?? id;
  return createReportCard(deps, {
    key: 'zones',
    title: 'zonesTitle',
    help: 'zonesHelp',
    fetch: (range) => deps.report('zones', zoneReportSchema, reportQuery('zones', range)),
    csv: (range) => ({ kind: 'zones', query: reportQuery('zones', range) }),
    render({ rows }, _range, figure) {
      const box = rankingBox(rows.length, 2 * BAR_HEIGHT);
      figure.append(box);
      const colours = palette();
      const chart = drawChart(box, t('chartAlt', { title: t('zonesTitle') }), {
        type: 'bar',
        data: {
          labels: rows.map((r) => r.name),
          datasets: [
            {
              label: t('colUtil'),
              data: rows.map((r) => r.utilisation ?? 0),
              backgroundColor: colours.accent,
            },
            { label: t('colTimeUsed'), data: rows.map((r) => r.timeUsed ?? 0), backgroundColor: '#9ecae1' },
          ],
        },
        options: {
          indexAxis: 'y',
          scales: {
            x: { ...valueAxis(t('colUtil'), colours.grid, { percent: true, lang: deps.lang }), max: 1 },
            y: { grid: { display: false } },
          },
        },
      });
      const table = dataTable(
        t('zonesTitle'),
        [
          { label: t('colZone'), value: (r) => r.name, header: true },
          { label: t('colFloor'), value: (r) => floorName(r.floor) },
          { label: t('colUtil'), value: (r) => format.percent(r.utilisation), numeric: true },
          { label: t('colTimeUsed'), value: (r) => format.percent(r.timeUsed), numeric: true },
          { label: t('colAvg'), value: (r) => format.number(r.avgOccupied), numeric: true },
          { label: t('colUse'), value: (r) => t(USE_KEY[r.use]) },
        ],
        rows,
      );
      return { empty: rows.length === 0, table, charts: [chart] };
    },
  });
}

export function createDeskRankingCard(deps: ReportDeps, site: Site) {
  const { t, format } = deps;
  const zoneName = (id: string) => site.floors.flatMap((f) => f.zones).find((z) => z.id === id)?.name ?? id;
  return createReportCard(deps, {
    key: 'desks',
    title: 'desksTitle',
    help: 'desksHelp',
    wide: true,
    fetch: (range) => deps.report('desks', deskReportSchema, reportQuery('desks', range)),
    csv: (range) => ({ kind: 'desks', query: reportQuery('desks', range) }),
    render({ rows }, _range, figure) {
      const colours = palette();
      const shade: Record<Use, string> = {
        used: colours.accent,
        rare: colours.occupied,
        never: colours.muted,
      };
      // Wide screens (and paper) read 40 desks best as columns; a phone as rows it can scroll.
      const columns = window.matchMedia('(min-width: 900px)').matches;
      const box = columns ? html('div', { class: 'chart-box' }) : rankingBox(rows.length);
      figure.append(box);
      const share = { ...valueAxis(t('colUtil'), colours.grid, { percent: true, lang: deps.lang }), max: 1 };
      const names = { grid: { display: false }, ticks: { autoSkip: false, maxRotation: 90 } };
      const chart = drawChart(box, t('chartAlt', { title: t('desksTitle') }), {
        type: 'bar',
        data: {
          labels: rows.map((r) => r.label),
          datasets: [
            {
              label: t('colUtil'),
              data: rows.map((r) => r.utilisation ?? 0),
              backgroundColor: rows.map((r) => shade[r.use]),
            },
          ],
        },
        options: {
          indexAxis: columns ? 'x' : 'y',
          plugins: { legend: { display: false } },
          scales: columns ? { x: names, y: share } : { x: share, y: names },
        },
      });
      const notes = useNotes(rows, t);
      const table = dataTable(
        t('desksTitle'),
        [
          { label: t('colDesk'), value: (r) => r.label, header: true },
          { label: t('colZone'), value: (r) => zoneName(r.zone) },
          { label: t('colUtil'), value: (r) => format.percent(r.utilisation), numeric: true },
          { label: t('colArrivals'), value: (r) => format.number(r.arrivals), numeric: true },
          {
            label: t('colDwell'),
            value: (r) =>
              r.avgDwellMinutes === null ? '—' : t('minutes', { count: Math.round(r.avgDwellMinutes) }),
            numeric: true,
          },
          { label: t('colUse'), value: (r) => t(USE_KEY[r.use]) },
        ],
        rows,
      );
      return { empty: rows.length === 0, table, charts: [chart], notes };
    },
  });
}

/** Horizontal bars need height for every label: the box grows with the rows. */
function rankingBox(rows: number, perRow = BAR_HEIGHT): HTMLElement {
  const box = html('div', { class: 'chart-box ranking' });
  box.style.height = `${Math.max(160, rows * perRow + 70)}px`;
  return box;
}

/** The colour key, then the never and rarely used desks named, so no one has to read bar colours. */
function useNotes(rows: readonly DeskRow[], t: PlannerTranslate): HTMLElement[] {
  const listOf = (use: Use) => rows.filter((r) => r.use === use).map((r) => r.label);
  const never = listOf('never');
  const rare = listOf('rare');
  const key = html(
    'ul',
    { class: 'use-key', 'aria-hidden': 'true' },
    (['used', 'rare', 'never'] as const).map((use) =>
      html('li', {}, [html('span', { class: `use-swatch use-${use}` }), t(USE_KEY[use])]),
    ),
  );
  const list = (use: Use, labels: string[]) =>
    html('p', { class: 'use-list', 'data-use': use }, [
      t(use === 'never' ? 'neverList' : 'rareList', { count: labels.length, list: labels.join(', ') }),
    ]);
  return [
    key,
    ...(never.length ? [list('never', never)] : []),
    ...(rare.length ? [list('rare', rare)] : []),
    ...(never.length + rare.length === 0 ? [html('p', { class: 'use-list' }, [t('allUsed')])] : []),
  ];
}
