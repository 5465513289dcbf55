// Whether the site is open now and, when it is not, when it opens next: from the site model's
// opening hours in its own time zone, as the API counts them.
import { createOpeningHours } from '../../protocol/opening-hours.ts';
import type { Site } from '../../protocol/site-model.ts';

export type SiteHours = { open: boolean; nextOpening: number | undefined };

const WEEK_MS = 7 * 86_400_000;

/**
 * @example siteHours(site, Date.now()) // { open: false, nextOpening: 1764140400000 }
 */
export function siteHours(site: Pick<Site, 'timezone' | 'openingHours'>, now: number): SiteHours {
  const hours = createOpeningHours(site);
  if (hours.isOpen(now)) return { open: true, nextOpening: undefined };
  // Windows are clipped to the range, so one starting at `now` is the one just closing.
  const next = hours.windows(now, now + WEEK_MS + 86_400_000).find((w) => w.from > now);
  return { open: false, nextOpening: next?.from };
}
