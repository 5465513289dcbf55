// The words for a desk's state, shared by its accessible name, the details line and the legend.
import type { DeskStateName, LiveDesk } from '../../protocol/live-view.ts';
import type { TimeFormat } from './time-format.ts';

export const DESK_STATES: ReadonlyArray<{ state: DeskStateName; label: string; hint: string }> = [
  { state: 'free', label: 'Free', hint: 'outlined' },
  { state: 'occupied', label: 'Occupied', hint: 'filled' },
  { state: 'away', label: 'Away, still held', hint: 'thick ring' },
  { state: 'offline', label: 'Sensor offline', hint: 'hatched' },
  { state: 'unknown', label: 'No data yet', hint: 'dashed' },
];

/**
 * One sentence naming the desk and its state, e.g. "Desk A3: occupied since 09:12".
 * @example describeDesk('A3', desk, format)
 */
export function describeDesk(label: string, desk: LiveDesk | undefined, format: TimeFormat): string {
  return `Desk ${label}: ${describeState(desk, format)}`;
}

export function describeState(desk: LiveDesk | undefined, format: TimeFormat): string {
  if (!desk || desk.state === 'unknown') return 'no data yet';
  if (desk.state === 'offline') {
    return desk.lastSeen === null
      ? 'sensor offline'
      : `sensor offline, last heard ${format.moment(desk.lastSeen)}`;
  }
  const state = desk.state === 'away' ? 'away (held)' : desk.state;
  return desk.since === null ? state : `${state} since ${format.moment(desk.since)}`;
}
