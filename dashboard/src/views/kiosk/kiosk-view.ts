// The entrance screen (#/kiosk): the whole page, no controls. Free desks per zone and people inside,
// large, kept current by the shared live feed; when the server goes away the last numbers stay up.
import type { ViewFactory } from '../../app/view.ts';
import type { ConnectionStatus } from '../../connection-badge.ts';
import { translator } from '../../i18n/messages.ts';
import { siteHours } from '../../site-hours.ts';
import { createKioskBoard } from './kiosk-board.ts';
import { createKioskClock } from './kiosk-clock.ts';
import { kioskNumbers } from './kiosk-numbers.ts';
import { kioskMessages } from './messages.ts';

/** The opening notice only changes at an opening or a closing: checking twice a minute is plenty. */
const HOURS_CHECK_MS = 30_000;

export const createKioskView: ViewFactory = (ctx) => {
  const t = translator(kioskMessages, ctx.lang);
  const clock = createKioskClock({ timeZone: ctx.site.timezone, lang: ctx.lang, now: ctx.now });
  const board = createKioskBoard({ siteName: ctx.site.name, clock: clock.element, t });
  let updatedAt: number | undefined;

  const statusText = (status: ConnectionStatus): string => {
    if (status === 'live') return '';
    if (status === 'connecting') return t('connecting');
    // The numbers stay up; saying how old they are keeps them honest.
    return updatedAt === undefined
      ? t('reconnectingNoData')
      : t('reconnecting', { time: ctx.format.moment(updatedAt) });
  };

  const showHours = () => {
    const hours = siteHours(ctx.site, ctx.now());
    if (hours.open) return board.setHours('');
    board.setHours(
      hours.nextOpening === undefined
        ? t('closed')
        : t('closedUntil', { time: ctx.format.moment(hours.nextOpening) }),
    );
  };

  const stopLive = ctx.live.subscribe((live) => {
    updatedAt = ctx.now();
    board.draw(kioskNumbers(ctx.site, live));
  });
  const stopStatus = ctx.live.onStatus((status) => board.setStatus(status, statusText(status)));
  showHours();
  const hourly = setInterval(showHours, HOURS_CHECK_MS);

  return {
    element: board.element,
    close() {
      stopLive();
      stopStatus();
      clock.close();
      clearInterval(hourly);
    },
  };
};
