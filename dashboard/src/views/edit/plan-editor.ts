// One floor's plan with desks that can be dragged (pointer events, snapped to the grid, kept on the plan)
// or moved with the arrow keys. Markers are kept per desk object and reused, so focus and pointer capture
// survive every redraw while a desk moves.
import type { Desk, Floor } from '../../../../protocol/site-model.ts';
import { deskShape } from '../../desk-marker.ts';
import { setAttr, setText, svg } from '../../dom.ts';
import { type DeskSize, doorMark, zoneLayout } from '../../floor-layout.ts';
import { type Bounds, keyStep, type Point, placeOnGrid } from './desk-position.ts';

export type PlanEditorOptions = {
  size: DeskSize;
  bounds: Bounds;
  /** The accessible name of a desk, and of the plan. */
  deskName(desk: Desk, zoneName: string): string;
  planName(floor: Floor): string;
  hintId: string;
  onSelect(desk: Desk): void;
  onMove(desk: Desk, to: Point, by: 'drag' | 'key'): void;
  /** Enter on a desk: go and edit its details. */
  onOpen(desk: Desk): void;
};

export type PlanEditor = {
  element: SVGSVGElement;
  /** Redraws zones and desks from `floor`; `invalid` desks are marked. */
  sync(floor: Floor, selected: Desk | undefined, invalid: ReadonlySet<Desk>): void;
  focus(desk: Desk): void;
};

type Marker = { element: SVGGElement; label: SVGTextElement };

const MARGIN = 24;
/** A press that moves less than this (in screen pixels) selects without moving. */
const DRAG_THRESHOLD = 4;

/**
 * @example const plan = createPlanEditor(floor, options); plan.sync(floor, selected, new Set())
 */
export function createPlanEditor(floor: Floor, options: PlanEditorOptions): PlanEditor {
  const markers = new Map<Desk, Marker>();
  const zones = svg('g', { class: 'edit-zones', 'aria-hidden': 'true' });
  const desks = svg('g', { class: 'edit-desks' });
  const viewBox = [-MARGIN, -MARGIN, floor.width + MARGIN * 2, floor.height + MARGIN * 2].join(' ');
  const element = svg('svg', { class: 'edit-plan', viewBox, role: 'group', 'data-floor': floor.id }, [
    svg('defs', {}, [gridPattern(floor.id)]),
    svg('rect', { class: 'edit-outline', x: 0, y: 0, width: floor.width, height: floor.height, rx: 6 }),
    svg('rect', {
      class: 'edit-grid',
      x: 0,
      y: 0,
      width: floor.width,
      height: floor.height,
      fill: `url(#grid-${floor.id})`,
    }),
    zones,
    svg(
      'g',
      { class: 'edit-doors', 'aria-hidden': 'true' },
      floor.doors.map((door) => doorElement(doorMark(door, floor))),
    ),
    desks,
  ]);

  const toPlan = (event: PointerEvent): Point => {
    const matrix = element.getScreenCTM()?.inverse();
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
    return { x: point.x, y: point.y };
  };

  function marker(desk: Desk): Marker {
    const existing = markers.get(desk);
    if (existing) return existing;
    const parts = deskShape(options.size, desk.label);
    const label = parts.find((p) => p.classList.contains('desk-label')) as SVGTextElement;
    const element = svg(
      'g',
      { class: 'edit-desk', 'data-desk': desk.id, role: 'button', tabindex: 0 },
      parts,
    );
    element.setAttribute('aria-describedby', options.hintId);
    element.addEventListener('focus', () => options.onSelect(desk));
    element.addEventListener('keydown', (event) => onKey(desk, event));
    dragDesk(element, desk, toPlan, options);
    const made = { element, label };
    markers.set(desk, made);
    return made;
  }

  function onKey(desk: Desk, event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      options.onOpen(desk);
      return;
    }
    const step = keyStep(event.key, event.shiftKey);
    if (!step) return;
    event.preventDefault();
    options.onMove(desk, placeOnGrid({ x: desk.x + step.x, y: desk.y + step.y }, options.bounds), 'key');
  }

  return {
    element,
    sync(current, selected, invalid) {
      setAttr(element, 'aria-label', options.planName(current));
      zones.replaceChildren(...current.zones.map((zone) => zoneArea(zone, current, options.size)));
      const order: SVGGElement[] = [];
      for (const zone of current.zones) {
        for (const desk of zone.desks) {
          const { element: g, label } = marker(desk);
          g.setAttribute('transform', `translate(${desk.x} ${desk.y})`);
          setText(label, desk.label);
          setAttr(g, 'data-desk', desk.id);
          setAttr(g, 'aria-label', options.deskName(desk, zone.name));
          setAttr(g, 'aria-pressed', String(desk === selected));
          setAttr(g, 'data-invalid', invalid.has(desk));
          order.push(g);
        }
      }
      for (const [desk, { element: g }] of markers) {
        if (!order.includes(g)) {
          g.remove();
          markers.delete(desk);
        }
      }
      // Re-appending a focused element would blur it: only reorder when the order really changed.
      if (order.some((g, i) => desks.children[i] !== g)) desks.replaceChildren(...order);
    },
    focus(desk) {
      markers.get(desk)?.element.focus();
    },
  };
}

function dragDesk(
  element: SVGGElement,
  desk: Desk,
  toPlan: (e: PointerEvent) => Point,
  options: PlanEditorOptions,
) {
  let grab: { offset: Point; start: Point; moved: boolean } | undefined;
  element.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    const at = toPlan(event);
    grab = {
      offset: { x: desk.x - at.x, y: desk.y - at.y },
      start: { x: event.clientX, y: event.clientY },
      moved: false,
    };
    element.setPointerCapture(event.pointerId);
    element.focus();
    options.onSelect(desk);
    event.preventDefault();
  });
  element.addEventListener('pointermove', (event) => {
    if (!grab) return;
    const far = Math.hypot(event.clientX - grab.start.x, event.clientY - grab.start.y) >= DRAG_THRESHOLD;
    if (!grab.moved && !far) return;
    grab.moved = true;
    element.classList.add('edit-desk--dragging');
    const at = toPlan(event);
    const to = placeOnGrid({ x: at.x + grab.offset.x, y: at.y + grab.offset.y }, options.bounds);
    if (to.x !== desk.x || to.y !== desk.y) options.onMove(desk, to, 'drag');
  });
  const drop = () => {
    grab = undefined;
    element.classList.remove('edit-desk--dragging');
  };
  element.addEventListener('pointerup', drop);
  element.addEventListener('pointercancel', drop);
  element.addEventListener('lostpointercapture', drop);
}

function gridPattern(floorId: string): SVGPatternElement {
  return svg('pattern', { id: `grid-${floorId}`, patternUnits: 'userSpaceOnUse', width: 50, height: 50 }, [
    svg('path', { class: 'edit-grid-line', d: 'M 50 0 L 0 0 0 50' }),
  ]);
}

function zoneArea(zone: Floor['zones'][number], floor: Floor, size: DeskSize): SVGGElement {
  const layout = zoneLayout(zone, floor, size);
  if (!layout) return svg('g');
  return svg('g', { class: `zone zone--${zone.kind}`, 'data-zone': zone.id }, [
    svg('rect', { class: 'zone-area', ...layout.box, rx: 10 }),
    svg('text', { class: 'zone-name', ...layout.name }, [zone.name]),
  ]);
}

function doorElement({ door, wall, x, y }: ReturnType<typeof doorMark>): SVGGElement {
  const across = wall === 'top' || wall === 'bottom';
  const bar = across
    ? { x: x - 32, y: y - 5, width: 64, height: 10 }
    : { x: x - 5, y: y - 32, width: 10, height: 64 };
  const inward = { top: [0, 30], bottom: [0, -18], left: [12, 5], right: [-12, 5] }[wall] ?? [0, 0];
  const anchor = wall === 'left' ? 'start' : wall === 'right' ? 'end' : 'middle';
  return svg('g', { class: 'door' }, [
    svg('rect', { class: 'door-gap', ...bar, rx: 3 }),
    svg(
      'text',
      { class: 'door-label', x: x + (inward[0] ?? 0), y: y + (inward[1] ?? 0), 'text-anchor': anchor },
      [door.label],
    ),
  ]);
}
