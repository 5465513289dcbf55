import type { PlannerTranslate } from './messages.ts';
import type { ReportFormat } from './report-format.ts';
import type { CapacityReport } from './report-schemas.ts';

/**
 * The API's capacity answer, told again in the page's language from its numbers.
 * @example capacityWords(report, t, format) // 'On 95% of the 20 days the peak was at most 31 people, …'
 */
export function capacityWords(report: CapacityReport, t: PlannerTranslate, format: ReportFormat): string {
  if (report.p95Peak === null || report.days === 0) return t('capacityNone');
  const peak = report.p95Peak;
  return t('capacityAnswer', {
    count: report.days,
    peak,
    measure: t(report.measure === 'people' ? 'measurePeople' : 'measureDesks', { count: peak }),
    share: format.percent(report.share),
    capacity: report.capacity,
    day: report.maxPeakDay ? format.longDay(report.maxPeakDay) : '—',
    max: report.maxPeak ?? '—',
  });
}
