import type { Lang } from '../../i18n/messages.ts';
import type { Resolution } from './report-range.ts';

// Numbers and the API's local day labels, formatted for the page's language. The labels are already
// local days of the site ('2026-11-02', '2026-11-02T09:00', 'week of 2026-11-02'), so they are read
// as calendar dates and formatted in UTC: no second time-zone conversion can shift them.

export type ReportFormat = ReturnType<typeof createReportFormat>;

const MONDAY = Date.UTC(2024, 0, 1, 12);
const DAY_MS = 86_400_000;

const noon = (day: string) => Date.parse(`${day.slice(0, 10)}T12:00:00Z`);

/**
 * @example createReportFormat('it').day('2026-11-02') // 'lun 2 nov'
 */
export function createReportFormat(lang: Lang) {
  // British English: day before month, 24-hour clock, as the rest of the dashboard.
  const locale = lang === 'en' ? 'en-GB' : lang;
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const share = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const shortDay = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const longDay = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const weekdayShort = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' });
  const weekdayLong = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long' });
  const range = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return {
    /** Up to one decimal; a dash for no value. */
    number: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : decimal.format(value),
    percent: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : share.format(value),
    hour,
    /** 'Mon 2 Nov' from '2026-11-02' (or a label starting with it). */
    day: (day: string) => shortDay.format(noon(day)),
    /** '2 November 2026'. */
    longDay: (day: string) => longDay.format(noon(day)),
    /** '2 Nov – 29 Nov 2026', for the report's heading. */
    range: (from: string, to: string) => range.formatRange(noon(from), noon(to)),
    /** An occupancy period's label: the day, the day and hour, or the week's Monday. */
    period(label: string, resolution: Resolution, weekOf: (date: string) => string): string {
      const day = label.slice(-10);
      if (resolution === 'week') return weekOf(shortDay.format(noon(day)));
      if (resolution === 'hour') return `${shortDay.format(noon(label))}, ${label.slice(11, 16)}`;
      return shortDay.format(noon(label));
    },
    /** Monday first, as the API's weekdays: short names for headers, long ones for screen readers. */
    weekdays: () =>
      Array.from({ length: 7 }, (_, i) => ({
        short: weekdayShort.format(MONDAY + i * DAY_MS),
        long: weekdayLong.format(MONDAY + i * DAY_MS),
      })),
  };
}
