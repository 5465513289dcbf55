// The entrance screen's layout: site name, opening notice and clock on top; free desks in all and
// people inside; a card per zone; a discreet connection line at the foot. Only text changes after.
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { KioskNumbers } from './kiosk-numbers.ts';
import { createKioskZoneCard, type KioskZoneCard } from './kiosk-zone-card.ts';
import type { KioskKey } from './messages.ts';

export type KioskBoard = {
  element: HTMLElement;
  draw(numbers: KioskNumbers): void;
  /** The connection state (a data attribute for the style) and the words shown at the foot, if any. */
  setStatus(status: string, text: string): void;
  setHours(text: string): void;
};

/**
 * @example const board = createKioskBoard({ siteName: 'Borgo', clock: clock.element, t }); board.draw(numbers)
 */
export function createKioskBoard(options: {
  siteName: string;
  clock: HTMLElement;
  t: Translate<KioskKey>;
}): KioskBoard {
  const { t } = options;
  const hours = html('p', { class: 'kiosk-hours' });
  const free = html('p', { class: 'kiosk-number', 'data-testid': 'kiosk-free' }, [t('none')]);
  const freeOf = html('p', { class: 'kiosk-of' });
  const people = html('p', { class: 'kiosk-number', 'data-testid': 'kiosk-people' }, [t('none')]);
  const peopleOf = html('p', { class: 'kiosk-of' });
  const bar = html('span', { class: 'kiosk-bar-fill' });
  const status = html('p', { class: 'kiosk-status', role: 'status', 'data-testid': 'kiosk-status' });
  const zones = html('ul', { class: 'kiosk-zones' });
  const cards = new Map<string, KioskZoneCard>();

  const element = html('main', { id: 'main', class: 'kiosk' }, [
    html('header', { class: 'kiosk-head' }, [
      html('div', { class: 'kiosk-title' }, [html('h1', { class: 'kiosk-site' }, [options.siteName]), hours]),
      options.clock,
    ]),
    html('section', { class: 'kiosk-total', 'aria-labelledby': 'kiosk-free-title' }, [
      html('h2', { id: 'kiosk-free-title', class: 'kiosk-label' }, [t('freeNow')]),
      free,
      freeOf,
    ]),
    html('section', { class: 'kiosk-people', 'aria-labelledby': 'kiosk-people-title' }, [
      html('h2', { id: 'kiosk-people-title', class: 'kiosk-label' }, [t('people')]),
      people,
      peopleOf,
      html('span', { class: 'kiosk-bar', 'aria-hidden': 'true' }, [bar]),
    ]),
    zones,
    html('footer', { class: 'kiosk-foot' }, [status]),
  ]);

  return {
    element,
    draw(numbers) {
      setText(free, String(numbers.free));
      setText(freeOf, t('ofDesks', { count: numbers.desks }));
      setText(people, String(numbers.people));
      setText(peopleOf, t('ofPlaces', { count: numbers.capacity }));
      bar.style.width = `${Math.round(numbers.peopleShare * 100)}%`;
      for (const zone of numbers.zones) {
        let card = cards.get(zone.id);
        if (!card) {
          card = createKioskZoneCard(zone, t);
          cards.set(zone.id, card);
          zones.append(card.element);
        }
        card.update(zone);
      }
    },
    setStatus(next, text) {
      setAttr(element, 'data-status', next);
      setText(status, text);
    },
    setHours: (text) => setText(hours, text),
  };
}
