// People inside against the site's capacity and desks in use per zone, kept live from the shared feed.
import type { LiveSite } from '../../../../protocol/live-view.ts';
import type { ViewContext } from '../../app/view.ts';
import { html } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { ManageKey } from './messages.ts';
import { desksInUse, peopleInside, type Use, zoneUses } from './occupancy.ts';
import type { Panel } from './panel.ts';
import { createUseMeter, type UseMeter } from './use-meter.ts';

/**
 * @example const panel = createOccupancyPanel(ctx, t); main.append(panel.element); panel.close()
 */
export function createOccupancyPanel(ctx: ViewContext, t: Translate<ManageKey>): Panel {
  const share = new Intl.NumberFormat(ctx.lang, { style: 'percent', maximumFractionDigits: 0 });
  const people = createUseMeter('people-inside', t('peopleInside'), t('overCapacity'));
  const desks = createUseMeter('desks-in-use', t('desksInUse'), t('overCapacity'));
  const zoneMeters = new Map<string, UseMeter>();
  const zoneList = html('ul', { class: 'manage-zones' });
  const waiting = html('p', { class: 'manage-muted' }, [t('waitingLive')]);
  const element = html(
    'section',
    { class: 'manage-panel manage-occupancy', 'aria-labelledby': 'manage-occupancy-title' },
    [
      html('h2', { id: 'manage-occupancy-title' }, [t('occupancyTitle')]),
      waiting,
      html('div', { class: 'manage-totals' }, [people.element, desks.element]),
      html('h3', {}, [t('zonesTitle')]),
      zoneList,
    ],
  );
  const percent = (u: Use) => share.format(u.share);

  const draw = (live: LiveSite) => {
    waiting.hidden = true;
    const inside = peopleInside(ctx.site, live);
    people.update(
      inside,
      t('peopleOfCapacity', { count: inside.count, capacity: inside.total, share: percent(inside) }),
    );
    const held = desksInUse(live);
    desks.update(held, t('desksOfTotal', { count: held.count, total: held.total, share: percent(held) }));
    for (const zone of zoneUses(ctx.site, live)) {
      let meter = zoneMeters.get(zone.id);
      if (!meter) {
        meter = createUseMeter(`zone-${zone.id}`, zone.name, t('overCapacity'));
        zoneMeters.set(zone.id, meter);
        zoneList.append(html('li', { 'data-zone': zone.id }, [meter.element]));
      }
      const detail = t('zoneDetail', { floor: zone.floor, capacity: zone.capacity });
      const offline = zone.offline > 0 ? ` · ${t('zoneOffline', { count: zone.offline })}` : '';
      meter.update(
        zone,
        t('desksOfTotal', { count: zone.count, total: zone.total, share: percent(zone) }),
        detail + offline,
      );
    }
  };

  return { element, close: ctx.live.subscribe(draw) };
}
