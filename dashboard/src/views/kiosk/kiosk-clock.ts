// The entrance screen's clock: the site's own time and date, in the page's language, rewritten only
// when the minute or the day changes.
import { html, setText } from '../../dom.ts';
import type { Lang } from '../../i18n/messages.ts';

export type KioskClock = { element: HTMLElement; close(): void };

/**
 * @example const clock = createKioskClock({ timeZone: 'Europe/Rome', lang: 'it', now: Date.now })
 */
export function createKioskClock(options: { timeZone: string; lang: Lang; now: () => number }): KioskClock {
  const { timeZone, lang, now } = options;
  const locale = lang === 'it' ? 'it-IT' : 'en-GB';
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const date = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const clock = html('time', { class: 'kiosk-clock', 'data-testid': 'kiosk-clock' });
  const day = html('p', { class: 'kiosk-date' });
  const element = html('div', { class: 'kiosk-time' }, [clock, day]);
  const tick = () => {
    const at = now();
    setText(clock, time.format(at));
    setText(day, date.format(at));
  };
  tick();
  const timer = setInterval(tick, 1000);
  return { element, close: () => clearInterval(timer) };
}
