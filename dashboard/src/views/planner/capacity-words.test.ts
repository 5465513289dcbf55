import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/messages.ts';
import { capacityWords } from './capacity-words.ts';
import { plannerMessages } from './messages.ts';
import { createReportFormat } from './report-format.ts';
import type { CapacityReport } from './report-schemas.ts';

const report: CapacityReport = {
  measure: 'people',
  days: 20,
  p95Peak: 31,
  maxPeak: 35,
  maxPeakDay: '2026-11-12',
  capacity: 48,
  share: 0.646,
  answer: '',
  rows: [],
};

describe('capacity answer in words', () => {
  it('reads like the API’s answer, in English', () => {
    const words = capacityWords(report, translator(plannerMessages, 'en'), createReportFormat('en'));
    expect(words).toBe(
      'On 95% of the 20 days the peak was at most 31 people, 65% of the capacity of 48; the busiest day, 12 November 2026, reached 35.',
    );
  });

  it('speaks Italian, with desks when no door counts', () => {
    const words = capacityWords(
      { ...report, measure: 'desks' },
      translator(plannerMessages, 'it'),
      createReportFormat('it'),
    );
    expect(words).toMatch(/^Nel 95% dei 20 giorni il picco è stato al massimo di 31 postazioni, il 65\s?%/);
    expect(words).toContain('12 novembre 2026');
  });

  it('says so when the range has no open day', () => {
    const t = translator(plannerMessages, 'en');
    expect(capacityWords({ ...report, days: 0, p95Peak: null }, t, createReportFormat('en'))).toBe(
      'No open days with data in this range.',
    );
  });
});
