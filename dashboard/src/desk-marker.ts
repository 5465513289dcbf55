// One desk on the plan: a shape at the desk's position whose look and accessible name follow its state.
// States differ by shape as well as colour (filled, outlined, hatched, dashed), styled in styles/desk.css.
import type { LiveDesk } from '../../protocol/live-view.ts';
import type { Desk } from '../../protocol/site-model.ts';
import { describeDesk } from './desk-description.ts';
import { setAttr, setText, svg } from './dom.ts';
import type { DeskSize } from './floor-layout.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';
import type { TimeFormat } from './time-format.ts';

export type DeskMarker = { element: SVGGElement; desk: Desk; update(live: LiveDesk | undefined): void };

/** The id of the hatch fill offline desks use; defined once per page by deskPatterns(). */
export const HATCH_ID = 'desk-hatch';

/**
 * @example const marker = createDeskMarker(desk, { width: 70, height: 46 }, format); marker.update(liveDesk)
 */
export function createDeskMarker(
  desk: Desk,
  size: DeskSize,
  format: TimeFormat,
  t: MapTranslate = englishMap,
): DeskMarker {
  const title = svg('title');
  const element = svg('g', { class: 'desk', 'data-desk': desk.id, role: 'img', tabindex: -1 }, [
    title,
    ...deskShape(size, desk.label),
  ]);
  element.setAttribute('transform', `translate(${desk.x} ${desk.y})`);
  let shown: LiveDesk | undefined;
  return {
    element,
    desk,
    update(live) {
      const name = describeDesk(desk.label, live, format, t);
      const state = live?.state ?? 'unknown';
      const changed = shown !== undefined && shown.state !== state;
      shown = live;
      setAttr(element, 'data-state', state);
      setAttr(element, 'aria-label', name);
      setText(title, name);
      if (changed) flash(element);
    },
  };
}

/** The drawn parts of a desk, centred on 0,0; reused by the legend so key and map always match. */
export function deskShape(size: DeskSize, label: string): SVGElement[] {
  const { width, height } = size;
  const box = { x: -width / 2, y: -height / 2, width, height, rx: Math.round(height / 5) };
  const ring = 4;
  return [
    svg('rect', { class: 'desk-pulse', ...box }),
    svg('rect', {
      class: 'desk-focus',
      x: box.x - ring * 2,
      y: box.y - ring * 2,
      width: width + ring * 4,
      height: height + ring * 4,
      rx: box.rx + ring,
    }),
    svg('rect', { class: 'desk-body', ...box }),
    svg('text', { class: 'desk-label', x: 0, y: 0, 'font-size': Math.round(height * 0.42) }, [label]),
  ];
}

/** The hatch fill for offline desks, in a zero-size SVG that stays rendered so every map can use it. */
export function deskPatterns(): SVGSVGElement {
  return svg('svg', { class: 'svg-defs', 'aria-hidden': 'true', focusable: 'false', width: 0, height: 0 }, [
    svg('defs', {}, [
      svg(
        'pattern',
        { id: HATCH_ID, patternUnits: 'userSpaceOnUse', width: 9, height: 9, patternTransform: 'rotate(45)' },
        [
          svg('rect', { class: 'hatch-ground', width: 9, height: 9 }),
          svg('rect', { class: 'hatch-line', width: 3.5, height: 9 }),
        ],
      ),
    ]),
  ]);
}

function flash(element: SVGGElement): void {
  element.classList.remove('desk--changed');
  // Reading layout restarts the CSS animation when a desk changes twice in quick succession.
  void element.getBoundingClientRect();
  element.classList.add('desk--changed');
}
