// "free for 25 min" in the page's language: minutes under an hour, hours and minutes under a day.
import type { Translate } from '../../i18n/messages.ts';
import type { FindKey } from './messages.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * @example describeFreeFor(25 * 60_000, translator(findMessages, 'en')) // 'free for 25 min'
 */
export function describeFreeFor(ms: number | null, t: Translate<FindKey>): string {
  if (ms === null) return t('freeNow');
  if (ms < MINUTE) return t('freeForUnderMinute');
  if (ms < HOUR) return t('freeForMinutes', { count: Math.floor(ms / MINUTE) });
  if (ms < DAY) {
    const hours = Math.floor(ms / HOUR);
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes === 0 ? t('freeForHours', { hours }) : t('freeForHoursMinutes', { hours, minutes });
  }
  return t('freeForDays', { count: Math.floor(ms / DAY) });
}
