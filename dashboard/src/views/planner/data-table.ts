import { html } from '../../dom.ts';

// A report's rows as a plain table: the text alternative of every chart, and what gets printed.

export type Column<R> = {
  label: string;
  value: (row: R, index: number) => string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  /** The column that names the row (a <th scope="row">). */
  header?: boolean;
};

/**
 * @example dataTable('Entries per day', [{ label: 'Day', value: (r) => r.day, header: true }], rows)
 */
export function dataTable<R>(
  caption: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
): HTMLTableElement {
  const head = html(
    'tr',
    {},
    columns.map((c) => html('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, [c.label])),
  );
  const body = rows.map((row, index) =>
    html(
      'tr',
      {},
      columns.map((c) =>
        html(
          c.header ? 'th' : 'td',
          { scope: c.header ? 'row' : undefined, class: c.numeric ? 'num' : undefined },
          [c.value(row, index)],
        ),
      ),
    ),
  );
  return html('table', { class: 'report-table' }, [
    html('caption', {}, [caption]),
    html('thead', {}, [head]),
    html('tbody', {}, body),
  ]);
}
