// The headline numbers: people inside (from the doors), desks in use, free desks, sensors needing care.
import type { LiveSite } from '../../protocol/live-view.ts';
import { html, setAttr, setText } from './dom.ts';
import { percent } from './live-state.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';
import type { TimeFormat } from './time-format.ts';

export type SiteSummary = { element: HTMLElement; update(live: LiveSite): void };

type Stat = { element: HTMLElement; value: HTMLElement; detail: HTMLElement; bar?: HTMLElement };

/**
 * @example const summary = createSiteSummary(format); header.append(summary.element); summary.update(live)
 */
export function createSiteSummary(format: TimeFormat, t: MapTranslate = englishMap): SiteSummary {
  const people = stat(t('stat.people'), 'headcount', true);
  const desks = stat(t('stat.inUse'), 'desks-occupied', true);
  const free = stat(t('stat.free'), 'desks-free');
  const care = stat(t('stat.offline'), 'desks-offline');
  const element = html('section', { class: 'summary', 'aria-label': t('summary') }, [
    people.element,
    desks.element,
    free.element,
    care.element,
  ]);
  return {
    element,
    update({ headcount, totals }) {
      const use = percent(headcount.count, totals.capacity);
      setText(people.value, t('n', { n: headcount.count }));
      setText(
        people.detail,
        t('people.detail', { share: use, capacity: totals.capacity, time: format.moment(headcount.since) }),
      );
      meter(people, use);
      const busy = percent(totals.occupied, totals.desks);
      setText(desks.value, t('ofTotal', { n: totals.occupied, total: totals.desks }));
      setText(desks.detail, t('inUse.detail', { share: busy }));
      meter(desks, busy);
      setText(free.value, t('n', { n: totals.free }));
      setText(free.detail, t('free.detail', { count: totals.free }));
      setText(care.value, t('n', { n: totals.offline }));
      setText(
        care.detail,
        totals.unknown > 0 ? t('offline.unknown', { count: totals.unknown }) : t('offline.fine'),
      );
      setAttr(care.element, 'data-alert', totals.offline > 0);
    },
  };
}

function stat(label: string, testId: string, withBar = false): Stat {
  const value = html('p', { class: 'stat-value', 'data-testid': testId });
  const detail = html('p', { class: 'stat-detail' });
  const bar = withBar ? html('span', { class: 'meter-fill' }) : undefined;
  const element = html('div', { class: `stat stat--${testId}` }, [
    html('h2', { class: 'stat-label' }, [label]),
    value,
    bar && html('span', { class: 'meter', 'aria-hidden': 'true' }, [bar]),
    detail,
  ]);
  return { element, value, detail, ...(bar ? { bar } : {}) };
}

function meter(stat: Stat, value: number): void {
  // Set through CSSOM: the page's Content-Security-Policy forbids inline style attributes.
  stat.bar?.style.setProperty('width', `${Math.min(100, value)}%`);
}
