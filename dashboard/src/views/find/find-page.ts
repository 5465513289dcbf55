// The find view's markup: heading, notices, the zone filter and count, then the list and the map
// (side by side on a wide screen, the list first on a phone). The parts come in already built.
import { html } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { FindKey } from './messages.ts';

export type FindPageParts = {
  closed: HTMLElement;
  error: HTMLElement;
  filter: HTMLElement;
  summary: HTMLElement;
  list: HTMLElement;
  empty: HTMLElement;
  map: HTMLElement;
};

/**
 * @example document.body.append(findPage(parts, translator(findMessages, 'en')))
 */
export function findPage(parts: FindPageParts, t: Translate<FindKey>): HTMLElement {
  return html('main', { id: 'main', class: 'view find' }, [
    html('header', { class: 'find-head' }, [
      html('h1', {}, [t('title')]),
      html('p', { class: 'find-intro' }, [t('intro')]),
    ]),
    parts.closed,
    parts.error,
    html('div', { class: 'find-bar' }, [parts.filter, parts.summary]),
    html('div', { class: 'find-layout' }, [
      html('section', { class: 'find-card find-list-card', 'aria-labelledby': 'find-list-title' }, [
        html('h2', { id: 'find-list-title', class: 'find-card-title' }, [t('listTitle')]),
        parts.list,
        parts.empty,
      ]),
      html('section', { class: 'find-card find-map-card', 'aria-labelledby': 'find-map-title' }, [
        html('h2', { id: 'find-map-title', class: 'find-card-title' }, [t('mapTitle')]),
        html('p', { class: 'find-map-hint' }, [t('mapHint')]),
        parts.map,
        legend(t),
      ]),
    ]),
  ]);
}

function legend(t: Translate<FindKey>): HTMLElement {
  const item = (kind: string, text: string) =>
    html('li', { class: 'find-legend-item' }, [
      html('span', { class: `find-swatch find-swatch--${kind}`, 'aria-hidden': 'true' }),
      text,
    ]);
  return html('ul', { class: 'find-legend' }, [
    item('free', t('legendFree')),
    item('taken', t('legendTaken')),
    item('chosen', t('legendChosen')),
  ]);
}
