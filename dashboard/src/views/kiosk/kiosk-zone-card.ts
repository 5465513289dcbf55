// One zone on the entrance screen: its name and floor, and how many of its desks are free, large.
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { KioskZone } from './kiosk-numbers.ts';
import type { KioskKey } from './messages.ts';

export type KioskZoneCard = { element: HTMLLIElement; update(zone: KioskZone): void };

/**
 * @example const card = createKioskZoneCard(zone, t); list.append(card.element); card.update(zone)
 */
export function createKioskZoneCard(zone: KioskZone, t: Translate<KioskKey>): KioskZoneCard {
  const number = html('p', { class: 'kiosk-zone-number', 'data-testid': 'kiosk-zone-free' });
  const of = html('p', { class: 'kiosk-zone-of' });
  const element = html('li', { class: 'kiosk-zone', 'data-zone': zone.id }, [
    html('h3', { class: 'kiosk-zone-name' }, [zone.name]),
    html('p', { class: 'kiosk-zone-floor' }, [zone.floor]),
    number,
    of,
  ]);
  return {
    element,
    update(next) {
      setAttr(element, 'data-full', next.free === 0);
      setText(number, String(next.free));
      setText(of, next.free === 0 ? t('full') : t('zoneFree', { count: next.free, desks: next.desks }));
    },
  };
}
