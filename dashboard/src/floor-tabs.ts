// Floor tabs following the WAI-ARIA tabs pattern: one tab stop, arrow keys/Home/End move and select.
import type { LiveSite } from '../../protocol/live-view.ts';
import type { Floor } from '../../protocol/site-model.ts';
import { html, setAttr, setText } from './dom.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';

export type FloorTabs = {
  element: HTMLElement;
  /** The panel each floor's content goes into, shown only while its tab is selected. */
  panels: Map<string, HTMLElement>;
  selected(): string;
  select(floorId: string, focus?: boolean): void;
  update(live: LiveSite): void;
};

export type FloorTabsOptions = {
  floors: Floor[];
  initial?: string;
  onSelect?: (floorId: string) => void;
  t?: MapTranslate;
};

/**
 * @example const tabs = createFloorTabs({ floors: site.floors }); tabs.panels.get('ground')?.append(map)
 */
export function createFloorTabs({ floors, initial, onSelect, t = englishMap }: FloorTabsOptions): FloorTabs {
  const tabs = new Map<string, { button: HTMLButtonElement; badge: HTMLElement }>();
  const panels = new Map<string, HTMLElement>();
  const list = html('div', { class: 'floor-tabs', role: 'tablist', 'aria-label': t('floors') });
  for (const floor of floors) {
    const badge = html('span', { class: 'floor-tab-badge' });
    const button = html(
      'button',
      { type: 'button', class: 'floor-tab', role: 'tab', id: `tab-${floor.id}` },
      [html('span', { class: 'floor-tab-name' }, [floor.name]), badge],
    );
    button.setAttribute('aria-controls', `panel-${floor.id}`);
    button.addEventListener('click', () => select(floor.id));
    tabs.set(floor.id, { button, badge });
    list.append(button);
    panels.set(
      floor.id,
      html('section', { class: 'floor-panel', role: 'tabpanel', id: `panel-${floor.id}` }),
    );
    panels.get(floor.id)?.setAttribute('aria-labelledby', `tab-${floor.id}`);
  }
  const ids = floors.map((f) => f.id);
  let current = ids.includes(initial ?? '') ? (initial as string) : (ids[0] ?? '');

  list.addEventListener('keydown', (event) => {
    const at = ids.indexOf(current);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(ids[(next + ids.length) % ids.length] ?? current, true);
  });

  function select(floorId: string, focus = false): void {
    if (!tabs.has(floorId)) return;
    const changed = floorId !== current;
    current = floorId;
    for (const [id, { button }] of tabs) {
      setAttr(button, 'aria-selected', String(id === current));
      setAttr(button, 'tabindex', id === current ? 0 : -1);
      setAttr(panels.get(id) as HTMLElement, 'hidden', id !== current);
    }
    if (focus) tabs.get(current)?.button.focus();
    if (changed) onSelect?.(current);
  }
  select(current);

  return {
    element: list,
    panels,
    selected: () => current,
    select,
    update(live) {
      for (const floor of live.floors) {
        const tab = tabs.get(floor.id);
        if (tab) setText(tab.badge, t('floor.free', { count: floor.free }));
      }
    },
  };
}
