// Times are shown in the site's own time zone, whatever zone the viewer's device is in.

export type TimeFormat = {
  /** "09:12" today, "Mon 3 Mar, 09:12" on another day (days counted in the site's zone). */
  moment(epochMs: number): string;
  /** "09:12:05", for the last-update stamp. */
  clock(epochMs: number): string;
};

export type TimeFormatOptions = { timeZone: string; locale?: string; now?: () => number };

/**
 * @example createTimeFormat({ timeZone: 'Europe/Rome' }).moment(Date.UTC(2024, 0, 8, 8, 12)) // '09:12'
 */
export function createTimeFormat({
  timeZone,
  locale = 'en-GB',
  now = Date.now,
}: TimeFormatOptions): TimeFormat {
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const seconds = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dated = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    moment: (ms) => (day.format(ms) === day.format(now()) ? time.format(ms) : dated.format(ms)),
    clock: (ms) => seconds.format(ms),
  };
}
