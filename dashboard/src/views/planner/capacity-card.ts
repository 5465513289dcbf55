import { html } from '../../dom.ts';
import { capacityWords } from './capacity-words.ts';
import { drawChart, palette, valueAxis } from './charts.ts';
import { dataTable } from './data-table.ts';
import type { PlannerTranslate } from './messages.ts';
import { createReportCard, type ReportDeps } from './report-card.ts';
import type { ReportFormat } from './report-format.ts';
import { reportQuery } from './report-range.ts';
import { type CapacityReport, capacityReportSchema, occupancyReportSchema } from './report-schemas.ts';

/**
 * The capacity answer (the API's 95th-percentile daily peak) in words and figures, over the daily
 * peaks it is taken from: people where the doors count them, else occupied desks.
 */
export function createCapacityCard(deps: ReportDeps) {
  const { t, format } = deps;
  return createReportCard(deps, {
    key: 'capacity',
    title: 'capacityTitle',
    help: 'capacityHelp',
    wide: true,
    fetch: (range) =>
      Promise.all([
        deps.report('capacity', capacityReportSchema, reportQuery('capacity', range)),
        deps.report('occupancy', occupancyReportSchema, reportQuery('peaks', range)),
      ]),
    csv: (range) => ({ kind: 'occupancy', query: reportQuery('peaks', range) }),
    render([answer, { rows }], _range, figure) {
      const colours = palette();
      const peakOf = (r: (typeof rows)[number]) =>
        answer.measure === 'people' ? r.peakPeople : r.peakOccupied;
      const box = html('div', { class: 'chart-box' });
      figure.append(...capacitySummary(answer, t, format), box);
      const labels = rows.map((r) => format.day(r.label));
      const chart = drawChart(box, t('chartAlt', { title: t('capacityTitle') }), {
        type: 'bar',
        data: {
          labels,
          datasets: [
            {
              type: 'bar',
              label: t('dailyPeak'),
              data: rows.map(peakOf),
              backgroundColor: rows.map((r) =>
                (peakOf(r) ?? 0) >= answer.capacity ? colours.occupied : colours.accent,
              ),
            },
            {
              type: 'line',
              label: t('capacityLine', { capacity: answer.capacity }),
              data: rows.map(() => answer.capacity),
              borderColor: colours.text,
              backgroundColor: colours.text,
              borderDash: [6, 4],
              borderWidth: 2,
              pointRadius: 0,
              pointStyle: 'line',
            },
          ],
        },
        options: {
          scales: {
            x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
            y: valueAxis(t(answer.measure === 'people' ? 'peopleAxis' : 'desksAxis'), colours.grid),
          },
        },
      });
      const table = dataTable(
        t('capacityTitle'),
        [
          { label: t('colDay'), value: (_, i) => labels[i] ?? '', header: true },
          { label: t('dailyPeak'), value: (r) => format.number(peakOf(r)), numeric: true },
          { label: t('colCapacity'), value: (r) => format.number(r.capacity), numeric: true },
        ],
        rows,
      );
      return { empty: rows.length === 0, table, charts: [chart] };
    },
  });
}

/** The answer in words, then its figures as a description list. */
function capacitySummary(answer: CapacityReport, t: PlannerTranslate, format: ReportFormat): HTMLElement[] {
  const stat = (label: string, value: string, key: string) =>
    html('div', { class: 'stat', 'data-stat': key }, [html('dt', {}, [label]), html('dd', {}, [value])]);
  const busiest = answer.maxPeakDay
    ? `${format.day(answer.maxPeakDay)} · ${format.number(answer.maxPeak)}`
    : '—';
  return [
    html('p', { class: 'capacity-answer', 'data-testid': 'capacity-answer' }, [
      capacityWords(answer, t, format),
    ]),
    html('dl', { class: 'stats' }, [
      stat(t('statP95'), format.number(answer.p95Peak), 'p95'),
      stat(t('statShare'), format.percent(answer.share), 'share'),
      stat(t('colCapacity'), format.number(answer.capacity), 'capacity'),
      stat(t('statBusiest'), busiest, 'busiest'),
    ]),
  ];
}
