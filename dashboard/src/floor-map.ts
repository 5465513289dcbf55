// One floor drawn from the site model: outline, zones as labelled areas, doors on the walls, desks.
// Built once; update() only restyles desks and rewrites zone counts as the live view changes.
import type { LiveSite } from '../../protocol/live-view.ts';
import type { Floor, Zone } from '../../protocol/site-model.ts';
import { createDeskMarker, type DeskMarker } from './desk-marker.ts';
import { setText, svg } from './dom.ts';
import { type DoorMark, deskSize, doorMark, zoneLayout } from './floor-layout.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';
import type { TimeFormat } from './time-format.ts';

export type FloorMap = {
  element: SVGSVGElement;
  markers: DeskMarker[];
  update(live: LiveSite): void;
};

const MARGIN = 24;
const DOOR_WIDTH = 64;

/**
 * @example const map = createFloorMap(site.floors[0], format); panel.append(map.element); map.update(live)
 */
export function createFloorMap(floor: Floor, format: TimeFormat, t: MapTranslate = englishMap): FloorMap {
  const size = deskSize(floor);
  const markers = floor.zones.flatMap((zone) =>
    zone.desks.map((desk) => createDeskMarker(desk, size, format, t)),
  );
  const zones = floor.zones.map((zone) => zoneArea(zone, floor, size));
  const viewBox = [-MARGIN, -MARGIN, floor.width + MARGIN * 2, floor.height + MARGIN * 2].join(' ');
  const element = svg(
    'svg',
    { class: 'floor-map', viewBox, role: 'group', 'aria-label': t('floor.plan', { floor: floor.name }) },
    [
      svg('rect', { class: 'floor-outline', x: 0, y: 0, width: floor.width, height: floor.height, rx: 6 }),
      ...zones.map((z) => z.element),
      ...floor.doors.map((door) => doorElement(doorMark(door, floor), t)),
      svg(
        'g',
        { class: 'desks' },
        markers.map((m) => m.element),
      ),
    ],
  );
  return {
    element,
    markers,
    update(live) {
      const desks = new Map(live.desks.map((d) => [d.id, d]));
      for (const marker of markers) marker.update(desks.get(marker.desk.id));
      for (const zone of zones) {
        const counts = live.zones.find((z) => z.id === zone.id);
        setText(zone.count, counts ? `${counts.occupied}/${counts.desks}` : '');
      }
    },
  };
}

function zoneArea(zone: Zone, floor: Floor, size: { width: number; height: number }) {
  const layout = zoneLayout(zone, floor, size);
  const count = svg('text', { class: 'zone-count', 'aria-hidden': 'true' });
  if (!layout) return { id: zone.id, element: svg('g'), count };
  const { box, name } = layout;
  const { x, y, anchor } = layout.count;
  for (const [attr, value] of [
    ['x', x],
    ['y', y],
    ['text-anchor', anchor],
  ] as const) {
    count.setAttribute(attr, String(value));
  }
  const element = svg('g', { class: `zone zone--${zone.kind}`, 'data-zone': zone.id }, [
    svg('rect', { class: 'zone-area', ...box, rx: 10 }),
    svg('text', { class: 'zone-name', ...name }, [zone.name]),
    count,
  ]);
  return { id: zone.id, element, count };
}

function doorElement({ door, wall, x, y }: DoorMark, t: MapTranslate): SVGGElement {
  const across = wall === 'top' || wall === 'bottom';
  const bar = across
    ? { x: x - DOOR_WIDTH / 2, y: y - 5, width: DOOR_WIDTH, height: 10 }
    : { x: x - 5, y: y - DOOR_WIDTH / 2, width: 10, height: DOOR_WIDTH };
  const inward = { top: [0, 30], bottom: [0, -18], left: [12, 5], right: [-12, 5] }[wall];
  const anchor = wall === 'left' ? 'start' : wall === 'right' ? 'end' : 'middle';
  return svg('g', { class: 'door', 'data-door': door.id }, [
    svg('title', {}, [t('door', { label: door.label })]),
    svg('rect', { class: 'door-gap', ...bar, rx: 3 }),
    svg(
      'text',
      { class: 'door-label', x: x + (inward?.[0] ?? 0), y: y + (inward?.[1] ?? 0), 'text-anchor': anchor },
      [door.label],
    ),
  ]);
}
