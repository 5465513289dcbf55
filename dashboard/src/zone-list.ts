// Per-zone counts for one floor, as text beside the plan: the map's numbers for people who prefer a list.
import type { LiveSite } from '../../protocol/live-view.ts';
import type { Floor, Zone } from '../../protocol/site-model.ts';
import { html, setText } from './dom.ts';
import { percent } from './live-state.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';

export type ZoneList = { element: HTMLElement; update(live: LiveSite): void };

/**
 * @example const zones = createZoneList(floor); aside.append(zones.element); zones.update(live)
 */
export function createZoneList(floor: Floor, t: MapTranslate = englishMap): ZoneList {
  const rows = floor.zones.map((zone) => zoneRow(zone, t));
  const element = html('section', { class: 'zones', 'aria-label': t('zones.on', { floor: floor.name }) }, [
    html('h2', { class: 'panel-title' }, [t('zones')]),
    html(
      'ul',
      { class: 'zone-list' },
      rows.map((r) => r.element),
    ),
  ]);
  return {
    element,
    update(live) {
      for (const row of rows) {
        const counts = live.zones.find((z) => z.id === row.zone.id);
        if (!counts) continue;
        setText(row.count, t('zone.inUse', { occupied: counts.occupied, desks: counts.desks }));
        setText(row.free, t('zone.free', { count: counts.free }));
        row.bar.style.setProperty('width', `${percent(counts.occupied, counts.desks)}%`);
      }
    },
  };
}

function zoneRow(zone: Zone, t: MapTranslate) {
  const count = html('span', { class: 'zone-row-count' });
  const free = html('span', { class: 'zone-row-free' });
  const bar = html('span', { class: 'meter-fill' });
  const element = html('li', { class: `zone-row zone--${zone.kind}`, 'data-zone': zone.id }, [
    html('div', { class: 'zone-row-head' }, [
      html('span', { class: 'zone-swatch', 'aria-hidden': 'true' }),
      html('span', { class: 'zone-row-name' }, [zone.name]),
      free,
    ]),
    html('div', { class: 'zone-row-meta' }, [`${t(`kind.${zone.kind}`)} · `, count]),
    html('span', { class: 'meter meter--thin', 'aria-hidden': 'true' }, [bar]),
  ]);
  return { zone, element, count, free, bar };
}
