// The sensor table: column headers with sort buttons (aria-sort on the sorted one) and one row per device.
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { ManageKey } from './messages.ts';
import type { Sensor } from './schemas.ts';
import type { SensorSort, SortKey } from './sensor-order.ts';
import { type RowContext, sensorRow } from './sensor-rows.ts';

export type SensorTable = {
  element: HTMLElement;
  show(sensors: readonly Sensor[], context: RowContext): void;
  markSort(sort: SensorSort): void;
};

/**
 * Explicit roles throughout: on a phone the rows become cards, and CSS display drops table semantics.
 * @example const table = createSensorTable(t, (key) => resort(key)); table.show(sensors, rowContext)
 */
export function createSensorTable(t: Translate<ManageKey>, onSort: (key: SortKey) => void): SensorTable {
  const rows = html('tbody', { role: 'rowgroup' });
  const headers = new Map<SortKey, HTMLTableCellElement>();
  const column = (label: string, key?: SortKey) => {
    if (!key) return html('th', { scope: 'col', role: 'columnheader' }, [label]);
    const button = html('button', { type: 'button', class: 'manage-sort', 'data-sort': key }, [
      label,
      html('span', { class: 'manage-sort-arrow', 'aria-hidden': 'true' }),
    ]);
    button.addEventListener('click', () => onSort(key));
    const th = html('th', { scope: 'col', role: 'columnheader', class: 'manage-sortable' }, [button]);
    headers.set(key, th);
    return th;
  };
  const table = html('table', { class: 'manage-table manage-sensors', role: 'table' }, [
    html('caption', { class: 'visually-hidden' }, [t('sensorsTable')]),
    html('thead', { role: 'rowgroup' }, [
      html('tr', { role: 'row' }, [
        column(t('colDevice')),
        column(t('colPlace')),
        column(t('colStatus')),
        column(t('colLastHeard'), 'lastSeen'),
        column(t('colBattery'), 'battery'),
        column(t('colSignal')),
        column(t('colFirmware')),
      ]),
    ]),
    rows,
  ]);
  // Scrolls sideways if it must; focusable so the keyboard can scroll it too.
  const element = html(
    'div',
    { class: 'manage-scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'manage-sensors-title' },
    [table],
  );
  return {
    element,
    show(sensors, context) {
      rows.replaceChildren(...sensors.map((sensor) => sensorRow(sensor, context)));
    },
    markSort(sort) {
      for (const [key, th] of headers) {
        const active = sort.key === key;
        setAttr(th, 'aria-sort', active ? (sort.descending ? 'descending' : 'ascending') : undefined);
        const arrow = th.querySelector('.manage-sort-arrow');
        if (arrow) setText(arrow, active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕');
      }
    },
  };
}
