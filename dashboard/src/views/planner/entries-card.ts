import { html } from '../../dom.ts';
import { drawChart, palette, valueAxis } from './charts.ts';
import { dataTable } from './data-table.ts';
import { createReportCard, type ReportDeps } from './report-card.ts';
import { reportQuery } from './report-range.ts';
import { entriesReportSchema } from './report-schemas.ts';

/** People in and out through the site's doors per local day (doors count the whole site). */
export function createEntriesCard(deps: ReportDeps) {
  const { t, format } = deps;
  return createReportCard(deps, {
    key: 'entries',
    title: 'entriesTitle',
    help: 'entriesHelp',
    fetch: (range) => deps.report('entries', entriesReportSchema, reportQuery('entries', range)),
    csv: (range) => ({ kind: 'entries', query: reportQuery('entries', range) }),
    render({ rows }, _range, figure) {
      const colours = palette();
      const box = html('div', { class: 'chart-box' });
      figure.append(box);
      const labels = rows.map((r) => format.day(r.day));
      const chart = drawChart(box, t('chartAlt', { title: t('entriesTitle') }), {
        type: 'bar',
        data: {
          labels,
          datasets: [
            { label: t('colEntries'), data: rows.map((r) => r.entries), backgroundColor: colours.accent },
            { label: t('colExits'), data: rows.map((r) => r.exits), backgroundColor: '#9ecae1' },
          ],
        },
        options: {
          scales: {
            x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
            y: valueAxis(t('peopleAxis'), colours.grid),
          },
        },
      });
      const table = dataTable(
        t('entriesTitle'),
        [
          { label: t('colDay'), value: (_, i) => labels[i] ?? '', header: true },
          { label: t('colEntries'), value: (r) => format.number(r.entries), numeric: true },
          { label: t('colExits'), value: (r) => format.number(r.exits), numeric: true },
        ],
        rows,
      );
      return { empty: rows.length === 0, table, charts: [chart] };
    },
  });
}
