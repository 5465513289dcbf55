import { describe, expect, it } from 'vitest';
import { createReportFormat } from './report-format.ts';

describe('report format', () => {
  const en = createReportFormat('en');
  const it_ = createReportFormat('it');
  const weekOf = (date: string) => `week of ${date}`;

  it('formats numbers and shares for the language', () => {
    expect(en.number(1234.56)).toBe('1,234.6');
    expect(it_.number(12345.56)).toBe('12.345,6');
    expect(it_.percent(0.355)).toMatch(/^36\s?%$/);
    expect(en.number(null)).toBe('—');
  });

  it('reads the API labels as local days, whatever zone the browser is in', () => {
    expect(en.period('2026-11-02', 'day', weekOf)).toBe('Mon 2 Nov');
    expect(it_.period('2026-11-02T09:00', 'hour', weekOf)).toBe('lun 2 nov, 09:00');
    expect(en.period('week of 2026-11-02', 'week', weekOf)).toBe('week of Mon 2 Nov');
  });

  it('names weekdays from Monday in the language', () => {
    expect(en.weekdays()[0]).toEqual({ short: 'Mon', long: 'Monday' });
    expect(it_.weekdays()[6]?.long).toBe('domenica');
  });
});
