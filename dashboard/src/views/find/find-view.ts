// "Find a free desk" (#/find): the free desks now, the longest free first, filtered by zone (kept in the
// address as `zone`), with a map below; fetched again as the live feed changes, at most once a second.
import { ApiError, sitePath } from '../../api-client.ts';
import type { ViewContext, ViewFactory } from '../../app/view.ts';
import { html, setText } from '../../dom.ts';
import { type Translate, translator } from '../../i18n/messages.ts';
import { type SiteHours, siteHours } from '../../site-hours.ts';
import type { TimeFormat } from '../../time-format.ts';
import { findPage } from './find-page.ts';
import { createFreeDeskList } from './free-desk-list.ts';
import { createFreeDeskMap } from './free-desk-map.ts';
import { freeDeskRows } from './free-desk-rows.ts';
import { type FreeDesks, freeDesksSchema } from './free-desks-schema.ts';
import { type FindKey, findMessages } from './messages.ts';
import { createRefreshThrottle } from './refresh-throttle.ts';
import { createZoneFilter } from './zone-filter.ts';

/** "free for" is in whole minutes: rewriting it this often keeps it right to within a few seconds. */
const TICK_MS = 15_000;

export const createFindView: ViewFactory = (ctx) => {
  const t = translator(findMessages, ctx.lang);
  const zones = ctx.site.floors.flatMap((floor) => floor.zones);
  const floorName = (id: string) => ctx.site.floors.find((f) => f.id === id)?.name ?? id;
  const asked = ctx.params.get('zone');
  let zone = zones.some((z) => z.id === asked) ? (asked ?? undefined) : undefined;
  let chosen: string | undefined;
  let answer: { data: FreeDesks; at: number } | undefined;
  let problem: string | undefined;

  const summary = html('p', { class: 'find-summary', 'data-testid': 'free-count' }, [t('loading')]);
  const closed = html('p', { class: 'find-closed', role: 'status' });
  const error = html('p', { class: 'find-error', role: 'alert' });
  const empty = html('p', { class: 'find-empty', 'data-testid': 'find-empty' });
  const filter = createZoneFilter(ctx.site, zone, t, (next) => {
    zone = next;
    keepZoneInAddress(ctx, zone);
    render();
  });
  const list = createFreeDeskList(t, ctx.format, (id) => {
    chosen = chosen === id ? undefined : id;
    render();
    if (chosen) map.reveal(chosen);
  });
  const map = createFreeDeskMap(ctx.site, t);

  function render(): void {
    const hours = siteHours(ctx.site, ctx.now());
    closed.hidden = hours.open;
    setText(closed, closedText(hours, t, ctx.format));
    error.hidden = problem === undefined;
    setText(error, problem === undefined ? '' : t('error', { reason: problem }));
    if (!answer) return;
    const rows = freeDeskRows(answer.data, zone, ctx.now() - answer.at);
    if (!rows.some((r) => r.id === chosen)) chosen = undefined;
    setText(summary, t('count', { count: rows.length }));
    const zoneName = zones.find((z) => z.id === zone)?.name;
    empty.hidden = rows.length > 0;
    setText(empty, rows.length > 0 ? '' : zoneName ? t('emptyZone', { zone: zoneName }) : t('emptyAll'));
    filter.update(answer.data);
    list.update(rows, chosen, floorName);
    map.update(new Set(rows.map((r) => r.id)), zone, chosen);
  }

  async function load(): Promise<void> {
    try {
      const data = await ctx.api.get(`${sitePath(ctx.site.id)}/free-desks`, freeDesksSchema);
      answer = { data, at: ctx.now() };
      problem = undefined;
    } catch (failure) {
      // The last list stays on screen under the message; the next live change tries again.
      problem = failure instanceof ApiError ? failure.message : String(failure);
    }
    render();
  }

  const parts = {
    closed,
    error,
    filter: filter.element,
    summary,
    list: list.element,
    empty,
    map: map.element,
  };
  const element = findPage(parts, t);
  const refresh = createRefreshThrottle(load, { now: ctx.now });
  const stopLive = ctx.live.subscribe(() => refresh.request());
  refresh.request();
  const tick = setInterval(render, TICK_MS);
  render();
  return {
    element,
    close() {
      stopLive();
      refresh.close();
      clearInterval(tick);
    },
  };
};

function closedText(hours: SiteHours, t: Translate<FindKey>, format: TimeFormat): string {
  if (hours.open) return '';
  if (hours.nextOpening === undefined) return t('closed');
  return t('closedUntil', { time: format.moment(hours.nextOpening) });
}

function keepZoneInAddress(ctx: ViewContext, zone: string | undefined): void {
  const params = new URLSearchParams(ctx.params);
  if (zone) params.set('zone', zone);
  else params.delete('zone');
  ctx.setParams(params);
}
