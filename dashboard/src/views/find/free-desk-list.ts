// The list of free desks: one button per desk (pressing it marks the desk on the map), one tab stop
// for the whole list with the arrow keys between rows. Rows are kept and moved, not rebuilt, so a
// refresh never takes the keyboard focus away.
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { TimeFormat } from '../../time-format.ts';
import type { FreeDeskRow } from './free-desk-rows.ts';
import { describeFreeFor } from './free-for.ts';
import type { FindKey } from './messages.ts';

export type FreeDeskList = {
  element: HTMLUListElement;
  update(
    rows: readonly FreeDeskRow[],
    chosen: string | undefined,
    floorName: (floor: string) => string,
  ): void;
};

type Row = {
  item: HTMLLIElement;
  button: HTMLButtonElement;
  desk: HTMLElement;
  free: HTMLElement;
  until: HTMLElement;
  where: HTMLElement;
};

/**
 * @example const list = createFreeDeskList(t, format, (id) => choose(id)); list.update(rows, chosen, floorName)
 */
export function createFreeDeskList(
  t: Translate<FindKey>,
  format: TimeFormat,
  onChoose: (deskId: string) => void,
): FreeDeskList {
  const element = html('ul', { class: 'find-list', 'aria-labelledby': 'find-list-title' });
  const rows = new Map<string, Row>();
  let order: string[] = [];

  const focusAt = (index: number) => {
    const id = order[Math.max(0, Math.min(order.length - 1, index))];
    if (id) rows.get(id)?.button.focus();
  };

  element.addEventListener('keydown', (event) => {
    const index = order.indexOf((event.target as HTMLElement).closest('li')?.dataset.desk ?? '');
    if (index < 0) return;
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: order.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusAt(target);
  });

  const rowFor = (row: FreeDeskRow): Row => {
    const existing = rows.get(row.id);
    if (existing) return existing;
    const desk = html('span', { class: 'find-row-desk' });
    const free = html('span', { class: 'find-row-free' });
    const until = html('span', { class: 'find-row-until' });
    const where = html('span', { class: 'find-row-where' });
    const button = html('button', { type: 'button', class: 'find-row', 'data-testid': 'free-desk' }, [
      desk,
      html('span', { class: 'find-row-facts' }, [free, until]),
      where,
    ]);
    button.addEventListener('click', () => onChoose(row.id));
    const item = html('li', { 'data-desk': row.id }, [button]);
    const made = { item, button, desk, free, until, where };
    rows.set(row.id, made);
    return made;
  };

  return {
    element,
    update(next, chosen, floorName) {
      const focusedId = element.contains(document.activeElement)
        ? (document.activeElement as HTMLElement).closest('li')?.dataset.desk
        : undefined;
      const focused = focusedId === undefined ? -1 : order.indexOf(focusedId);
      const ids = new Set(next.map((r) => r.id));
      for (const [id, row] of rows) {
        if (ids.has(id)) continue;
        row.item.remove();
        rows.delete(id);
      }
      next.forEach((data, index) => {
        const row = rowFor(data);
        setText(row.desk, t('desk', { label: data.label }));
        setText(row.free, describeFreeFor(data.freeForMs, t));
        setText(
          row.until,
          data.usuallyFreeUntil === null
            ? ''
            : t('usuallyFreeUntil', { time: format.moment(data.usuallyFreeUntil) }),
        );
        setText(row.where, t('where', { zone: data.zoneName, floor: floorName(data.floor) }));
        setAttr(row.button, 'aria-pressed', data.id === chosen ? 'true' : 'false');
        if (element.children[index] !== row.item)
          element.insertBefore(row.item, element.children[index] ?? null);
      });
      order = next.map((r) => r.id);
      // One tab stop: the chosen row, else the first.
      const stop = chosen && ids.has(chosen) ? chosen : order[0];
      for (const [id, row] of rows) setAttr(row.button, 'tabindex', id === stop ? 0 : -1);
      // A row moved or taken loses the focus; give it back to the row now in its place.
      if (focused < 0 || element.contains(document.activeElement)) return;
      const same = focusedId === undefined ? -1 : order.indexOf(focusedId);
      focusAt(same >= 0 ? same : focused);
    },
  };
}
