// The key to desk states, drawn with the same shapes as the plan so the two never disagree.
import { DESK_STATES } from './desk-description.ts';
import { deskShape } from './desk-marker.ts';
import { html, svg } from './dom.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';

const SWATCH = { width: 34, height: 22 };

export function createLegend(t: MapTranslate = englishMap): HTMLElement {
  return html('section', { class: 'legend', 'aria-label': t('legend') }, [
    html('h2', { class: 'panel-title' }, [t('legend.title')]),
    html(
      'ul',
      { class: 'legend-list' },
      DESK_STATES.map((state) =>
        html('li', { class: 'legend-item' }, [
          svg('svg', { class: 'legend-swatch', viewBox: '-22 -15 44 30', 'aria-hidden': 'true' }, [
            svg('g', { class: 'desk', 'data-state': state }, deskShape(SWATCH, '')),
          ]),
          html('span', {}, [
            t(`state.${state}`),
            html('span', { class: 'legend-hint' }, [` (${t(`hint.${state}`)})`]),
          ]),
        ]),
      ),
    ),
  ]);
}
