import { html } from '../../dom.ts';
import { drawChart, palette, valueAxis } from './charts.ts';
import { type Column, dataTable } from './data-table.ts';
import type { PlannerTranslate } from './messages.ts';
import { createReportCard, type ReportDeps } from './report-card.ts';
import type { ReportFormat } from './report-format.ts';
import { reportQuery } from './report-range.ts';
import { type OccupancyRow, occupancyReportSchema } from './report-schemas.ts';

/** Average and peak occupied desks per hour, day or week, for the chosen scope. */
export function createOccupancyCard(deps: ReportDeps) {
  const { t, format } = deps;
  return createReportCard(deps, {
    key: 'occupancy',
    title: 'occupancyTitle',
    help: 'occupancyHelp',
    wide: true,
    fetch: (range) => deps.report('occupancy', occupancyReportSchema, reportQuery('occupancy', range)),
    csv: (range) => ({ kind: 'occupancy', query: reportQuery('occupancy', range) }),
    render({ rows }, range, figure) {
      const colours = palette();
      const labels = rows.map((r) =>
        format.period(r.label, range.resolution, (date) => t('weekOf', { date })),
      );
      const box = html('div', { class: 'chart-box' });
      figure.append(box);
      const people = rows.some((r) => r.avgPeople !== null);
      const chart = drawChart(box, t('chartAlt', { title: t('occupancyTitle') }), {
        type: 'line',
        data: {
          labels,
          datasets: [
            {
              label: t('avgOccupied'),
              data: rows.map((r) => r.avgOccupied),
              borderColor: colours.accent,
              backgroundColor: 'rgb(29 95 168 / 12%)',
              fill: 'origin',
              pointRadius: rows.length > 60 ? 0 : 3,
              pointStyle: 'circle',
              borderWidth: 2,
              tension: 0.25,
            },
            {
              label: t('peakOccupied'),
              data: rows.map((r) => r.peakOccupied),
              borderColor: colours.occupied,
              backgroundColor: colours.occupied,
              borderDash: [6, 4],
              pointRadius: rows.length > 60 ? 0 : 3,
              pointStyle: 'rectRot',
              borderWidth: 2,
              tension: 0.25,
            },
          ],
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
            y: valueAxis(t('desksAxis'), colours.grid),
          },
        },
      });
      const table = dataTable(t('occupancyTitle'), occupancyColumns(t, format, labels, people), rows);
      return { empty: rows.length === 0, table, charts: [chart] };
    },
  });
}

function occupancyColumns(
  t: PlannerTranslate,
  format: ReportFormat,
  labels: readonly string[],
  people: boolean,
): Column<OccupancyRow>[] {
  const columns: Column<OccupancyRow>[] = [
    { label: t('colPeriod'), value: (_, i) => labels[i] ?? '', header: true },
    { label: t('colAvg'), value: (r) => format.number(r.avgOccupied), numeric: true },
    { label: t('colPeak'), value: (r) => format.number(r.peakOccupied), numeric: true },
    { label: t('colUtil'), value: (r) => format.percent(r.utilisation), numeric: true },
    { label: t('colTimeUsed'), value: (r) => format.percent(r.timeUsed), numeric: true },
    { label: t('colMinFree'), value: (r) => format.number(r.minFree), numeric: true },
  ];
  if (!people) return columns;
  return [
    ...columns,
    { label: t('colAvgPeople'), value: (r) => format.number(r.avgPeople), numeric: true },
    { label: t('colPeakPeople'), value: (r) => format.number(r.peakPeople), numeric: true },
  ];
}
