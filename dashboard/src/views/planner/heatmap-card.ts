import { WEEKDAYS } from '../../../../protocol/site-model.ts';
import { html } from '../../dom.ts';
import { heatColour, heatLegend, heatMax } from './heat-scale.ts';
import type { PlannerTranslate } from './messages.ts';
import { createReportCard, type ReportDeps } from './report-card.ts';
import type { ReportFormat } from './report-format.ts';
import { reportQuery } from './report-range.ts';
import { type HeatCell, type HeatmapReport, heatmapReportSchema } from './report-schemas.ts';

/**
 * The hour × weekday pattern as a table with coloured cells: chart.js has no matrix chart installed,
 * and a table is its own text alternative. Each cell shows its share as text, too.
 */
export function createHeatmapCard(deps: ReportDeps) {
  const { t, format } = deps;
  return createReportCard(deps, {
    key: 'heatmap',
    title: 'heatmapTitle',
    help: 'heatmapHelp',
    wide: true,
    tableToggle: false,
    fetch: (range) => deps.report('heatmap', heatmapReportSchema, reportQuery('heatmap', range)),
    csv: (range) => ({ kind: 'heatmap', query: reportQuery('heatmap', range) }),
    render(report, _range, figure) {
      if (report.rows.length === 0) return { empty: true };
      const max = heatMax(report.rows.map((c) => c.utilisation ?? 0));
      const table = heatmapTable(report, max, t, format);
      figure.append(html('div', { class: 'heatmap-scroll' }, [table]), legend(max, t, format));
      const name = cellName(format);
      const list = (picked: HeatCell[]) =>
        picked.map((c) => `${name(c)} (${format.percent(c.utilisation)})`).join(', ');
      const notes = [
        html('p', {}, [t('busiest', { list: list(report.busiest) })]),
        html('p', {}, [t('quietest', { list: list(report.quietest) })]),
      ];
      return { empty: false, notes };
    },
  });
}

const weekdayName = (format: ReportFormat) => {
  const days = format.weekdays();
  return (cell: HeatCell) => days[WEEKDAYS.indexOf(cell.weekday)]?.long ?? cell.weekday;
};

const cellName = (format: ReportFormat) => {
  const weekday = weekdayName(format);
  return (cell: HeatCell) => `${weekday(cell)} ${format.hour(cell.hour)}`;
};

/** Hours that have data down, every weekday across (closed days show as no data). */
function heatmapTable(report: HeatmapReport, max: number, t: PlannerTranslate, format: ReportFormat) {
  const days = format.weekdays();
  const weekdayOf = weekdayName(format);
  const cells = new Map(report.rows.map((c) => [`${c.weekday}|${c.hour}`, c]));
  const hours = report.rows.map((c) => c.hour);
  const body: HTMLTableRowElement[] = [];
  for (let hour = Math.min(...hours); hour <= Math.max(...hours); hour++) {
    body.push(
      html('tr', {}, [
        html('th', { scope: 'row' }, [format.hour(hour)]),
        ...WEEKDAYS.map((weekday) => heatCell(cells.get(`${weekday}|${hour}`))),
      ]),
    );
  }
  return html('table', { class: 'heatmap', 'data-table-for': 'heatmap' }, [
    html('caption', { class: 'visually-hidden' }, [t('heatmapCaption')]),
    html('thead', {}, [
      html('tr', {}, [
        html('th', { scope: 'col' }, [t('colHour')]),
        ...days.map((d) => html('th', { scope: 'col', abbr: d.long }, [d.short])),
      ]),
    ]),
    html('tbody', {}, body),
  ]);

  function heatCell(cell: HeatCell | undefined): HTMLTableCellElement {
    if (!cell || cell.utilisation === null)
      return html('td', { class: 'heat-none' }, [html('span', { class: 'visually-hidden' }, [t('noData')])]);
    const colour = heatColour(cell.utilisation, max);
    const td = html(
      'td',
      {
        class: 'heat',
        'data-step': colour.step,
        title: t('heatCell', {
          weekday: weekdayOf(cell),
          hour: format.hour(cell.hour),
          share: format.percent(cell.utilisation),
          avg: format.number(cell.avgOccupied),
        }),
      },
      [format.percent(cell.utilisation)],
    );
    td.style.backgroundColor = colour.background;
    td.style.color = colour.foreground;
    return td;
  }
}

function legend(top: number, t: PlannerTranslate, format: ReportFormat): HTMLElement {
  return html('div', { class: 'heat-legend', 'aria-hidden': 'true' }, [
    html('span', {}, [t('legend')]),
    html(
      'span',
      { class: 'heat-legend-scale' },
      heatLegend(top).map((step) => {
        const swatch = html('span', { class: 'heat-swatch' });
        swatch.style.backgroundColor = step.background;
        return swatch;
      }),
    ),
    html('span', {}, [`${format.percent(0)} – ${format.percent(top)}`]),
  ]);
}
