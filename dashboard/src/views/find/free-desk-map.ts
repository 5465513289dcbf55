// A compact plan of each floor with the free desks outlined and the others filled grey (shape, not only
// colour, tells them apart); the desk chosen in the list gets a ring. The list is the accessible
// version, so each plan is one image with a caption counting its free desks.
import type { Floor, Site } from '../../../../protocol/site-model.ts';
import { html, setAttr, setText, svg } from '../../dom.ts';
import { type Box, deskSize, zoneLayout } from '../../floor-layout.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { FindKey } from './messages.ts';

export type FreeDeskMap = {
  element: HTMLElement;
  /** `free`: the desks the list shows; `zone`: the zone chosen, if any; `chosen`: the desk to ring. */
  update(free: ReadonlySet<string>, zone: string | undefined, chosen: string | undefined): void;
  /** Scrolls the desk's plan into sight if it is off the screen (on a phone the map is below the list). */
  reveal(deskId: string): void;
};

const MARGIN = 14;

type FloorPlan = {
  floor: Floor;
  figure: HTMLElement;
  caption: HTMLElement;
  plan: SVGSVGElement;
  zones: Map<string, SVGGElement>;
  desks: Map<string, SVGGElement>;
};

/**
 * @example const map = createFreeDeskMap(site, t); map.update(new Set(['a-03']), undefined, 'a-03')
 */
export function createFreeDeskMap(site: Site, t: Translate<FindKey>): FreeDeskMap {
  const plans = site.floors.map((floor) => floorPlan(floor));
  const shown = html('p', { class: 'find-map-shown', role: 'status' });
  const element = html('div', { class: 'find-maps' }, [...plans.map((p) => p.figure), shown]);
  let announced: string | undefined;
  return {
    element,
    update(free, zone, chosen) {
      for (const plan of plans) {
        const zoneHere = zone === undefined || plan.zones.has(zone);
        plan.figure.hidden = !zoneHere;
        let count = 0;
        for (const [id, g] of plan.desks) {
          const isFree = free.has(id);
          if (isFree) count++;
          setAttr(g, 'data-free', isFree);
          setAttr(g, 'data-chosen', id === chosen);
        }
        for (const [id, g] of plan.zones) setAttr(g, 'data-other', zone !== undefined && id !== zone);
        const label = t('mapFloor', { floor: plan.floor.name, count });
        setText(plan.caption, label);
        setAttr(plan.plan, 'aria-label', label);
      }
      const chosenPlan = plans.find((p) => chosen !== undefined && p.desks.has(chosen));
      const desk = chosenPlan?.floor.zones.flatMap((z) => z.desks).find((d) => d.id === chosen);
      const text =
        chosenPlan && desk ? t('mapShown', { floor: chosenPlan.floor.name, label: desk.label }) : '';
      // Said once when a desk is chosen, not again on every refresh.
      if (text !== announced) setText(shown, text);
      announced = text;
    },
    reveal(deskId) {
      const figure = plans.find((p) => p.desks.has(deskId))?.figure;
      const box = figure?.getBoundingClientRect();
      if (!figure || !box) return;
      if (box.bottom < 0 || box.top > window.innerHeight) figure.scrollIntoView({ block: 'nearest' });
    },
  };
}

function bounds(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

function floorPlan(floor: Floor): FloorPlan {
  const size = deskSize(floor);
  const zones = new Map<string, SVGGElement>();
  const desks = new Map<string, SVGGElement>();
  const boxes: Box[] = [];
  const zoneParts = floor.zones.map((zone) => {
    const layout = zoneLayout(zone, floor, size);
    if (layout) boxes.push(layout.box);
    const g = svg('g', { class: 'find-map-zone', 'data-zone': zone.id }, [
      layout && svg('rect', { class: 'find-map-zone-area', ...layout.box, rx: 10 }),
      layout && svg('text', { class: 'find-map-zone-name', ...layout.name }, [zone.name]),
    ]);
    zones.set(zone.id, g);
    for (const desk of zone.desks) {
      const box = { x: -size.width / 2, y: -size.height / 2, width: size.width, height: size.height };
      const mark = svg('g', { class: 'find-map-desk', 'data-desk': desk.id }, [
        svg('rect', {
          class: 'find-map-ring',
          x: box.x - 9,
          y: box.y - 9,
          width: box.width + 18,
          height: box.height + 18,
          rx: 12,
        }),
        svg('rect', { class: 'find-map-body', ...box, rx: Math.round(size.height / 5) }),
        svg('text', { class: 'find-map-label', x: 0, y: 0, 'font-size': Math.round(size.height * 0.48) }, [
          desk.label,
        ]),
      ]);
      mark.setAttribute('transform', `translate(${desk.x} ${desk.y})`);
      desks.set(desk.id, mark);
      g.append(mark);
    }
    return g;
  });
  // Cropped to where the desks are: on a phone every unit of width counts.
  const area = bounds(boxes) ?? { x: 0, y: 0, width: floor.width, height: floor.height };
  const frame = {
    x: area.x - MARGIN,
    y: area.y - MARGIN,
    width: area.width + MARGIN * 2,
    height: area.height + MARGIN * 2,
  };
  const viewBox = [frame.x, frame.y, frame.width, frame.height].join(' ');
  const plan = svg('svg', { class: 'find-map', viewBox, role: 'img' }, [
    svg('rect', { class: 'find-map-floor', ...frame, rx: 10 }),
    ...zoneParts,
  ]);
  const caption = html('figcaption', { class: 'find-map-caption' });
  const figure = html('figure', { class: 'find-map-figure', 'data-floor': floor.id }, [caption, plan]);
  return { floor, figure, caption, plan, zones, desks };
}
