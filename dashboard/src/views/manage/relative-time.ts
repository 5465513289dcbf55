// "3 minutes ago" / "3 minuti fa": how long since a sensor was heard, in the page's language.
import type { Lang } from '../../i18n/messages.ts';

const STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', Number.POSITIVE_INFINITY],
];

/**
 * The largest whole unit that fits, rounded down so "59 minutes" never reads as "1 hour".
 * @example relativeTime(now - 125_000, now, 'en') // '2 minutes ago'
 */
export function relativeTime(then: number, now: number, lang: Lang): string {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  let amount = Math.max(0, Math.floor((now - then) / 1000));
  for (const [unit, size] of STEPS) {
    if (amount < size) return format.format(-amount, unit);
    amount = Math.floor(amount / size);
  }
  return format.format(-amount, 'day');
}
