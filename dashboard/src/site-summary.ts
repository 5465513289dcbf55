// The headline numbers: people inside (from the doors), desks in use, free desks, sensors needing care.
import type { LiveSite } from '../../protocol/live-view.ts';
import { html, setAttr, setText } from './dom.ts';
import { percent } from './live-state.ts';
import type { TimeFormat } from './time-format.ts';

export type SiteSummary = { element: HTMLElement; update(live: LiveSite): void };

type Stat = { element: HTMLElement; value: HTMLElement; detail: HTMLElement; bar?: HTMLElement };

/**
 * @example const summary = createSiteSummary(format); header.append(summary.element); summary.update(live)
 */
export function createSiteSummary(format: TimeFormat): SiteSummary {
  const people = stat('People inside', 'headcount', true);
  const desks = stat('Desks in use', 'desks-occupied', true);
  const free = stat('Free desks', 'desks-free');
  const care = stat('Sensors offline', 'desks-offline');
  const element = html('section', { class: 'summary', 'aria-label': 'Site summary' }, [
    people.element,
    desks.element,
    free.element,
    care.element,
  ]);
  return {
    element,
    update({ headcount, totals }) {
      const use = percent(headcount.count, totals.capacity);
      setText(people.value, String(headcount.count));
      setText(
        people.detail,
        `${use}% of ${totals.capacity} capacity · since ${format.moment(headcount.since)}`,
      );
      meter(people, use);
      const busy = percent(totals.occupied, totals.desks);
      setText(desks.value, `${totals.occupied} / ${totals.desks}`);
      setText(desks.detail, `${busy}% of desks occupied`);
      meter(desks, busy);
      setText(free.value, String(totals.free));
      setText(free.detail, totals.free === 1 ? 'desk ready to use' : 'desks ready to use');
      setText(care.value, String(totals.offline));
      setText(
        care.detail,
        totals.unknown > 0 ? `${totals.unknown} more with no data yet` : 'all others reporting',
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
