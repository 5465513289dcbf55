// Keyboard access to the desks of one plan with a single tab stop: arrow keys move to the nearest
// desk in that direction, so a floor of forty desks costs one Tab, not forty.
import type { DeskMarker } from './desk-marker.ts';

type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
const DIRECTIONS: Record<Direction, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/** Makes the plan's desks reachable by keyboard; returns a function that removes the listeners. */
export function enableDeskKeyboard(root: Element, markers: DeskMarker[], onFocus: (id?: string) => void) {
  let current = markers[0];
  const focus = (marker: DeskMarker | undefined) => {
    if (!marker) return;
    current?.element.setAttribute('tabindex', '-1');
    current = marker;
    marker.element.setAttribute('tabindex', '0');
    marker.element.focus();
  };
  current?.element.setAttribute('tabindex', '0');

  const onKeyDown = (event: Event) => {
    const key = (event as KeyboardEvent).key;
    if (!current || !(key in DIRECTIONS)) return;
    event.preventDefault();
    focus(nearest(current, markers, DIRECTIONS[key as Direction]));
  };
  const onFocusIn = (event: Event) => {
    const marker = markers.find((m) => m.element === event.target);
    if (marker && marker !== current) focus(marker);
    onFocus(marker?.desk.id);
  };
  const onFocusOut = () => onFocus(undefined);
  root.addEventListener('keydown', onKeyDown);
  root.addEventListener('focusin', onFocusIn);
  root.addEventListener('focusout', onFocusOut);
  return () => {
    root.removeEventListener('keydown', onKeyDown);
    root.removeEventListener('focusin', onFocusIn);
    root.removeEventListener('focusout', onFocusOut);
  };
}

/** The closest desk ahead in the given direction, favouring ones straight ahead over diagonal ones. */
function nearest(
  from: DeskMarker,
  markers: DeskMarker[],
  [dx, dy]: [number, number],
): DeskMarker | undefined {
  let best: DeskMarker | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const marker of markers) {
    const ahead = (marker.desk.x - from.desk.x) * dx + (marker.desk.y - from.desk.y) * dy;
    if (ahead <= 0) continue;
    const aside = Math.abs((marker.desk.x - from.desk.x) * dy) + Math.abs((marker.desk.y - from.desk.y) * dx);
    const score = ahead + aside * 2;
    if (score < bestScore) {
      bestScore = score;
      best = marker;
    }
  }
  return best;
}
