// The words for a desk's state, shared by its accessible name, the details line and the legend.
import type { DeskStateName, LiveDesk } from '../../protocol/live-view.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';
import type { TimeFormat } from './time-format.ts';

/** The states in the legend's order. */
export const DESK_STATES: readonly DeskStateName[] = ['free', 'occupied', 'away', 'offline', 'unknown'];

/**
 * One sentence naming the desk and its state, e.g. "Desk A3: occupied since 09:12".
 * @example describeDesk('A3', desk, format)
 */
export function describeDesk(
  label: string,
  desk: LiveDesk | undefined,
  format: TimeFormat,
  t: MapTranslate = englishMap,
): string {
  return t('desk', { label, state: describeState(desk, format, t) });
}

export function describeState(
  desk: LiveDesk | undefined,
  format: TimeFormat,
  t: MapTranslate = englishMap,
): string {
  if (!desk || desk.state === 'unknown') return t('is.noData');
  if (desk.state === 'offline') {
    return desk.lastSeen === null
      ? t('is.offline')
      : t('is.offlineHeard', { time: format.moment(desk.lastSeen) });
  }
  const state = t(`is.${desk.state}`);
  return desk.since === null ? state : t('is.since', { state, time: format.moment(desk.since) });
}
