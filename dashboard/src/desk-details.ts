// A line under the plan describing the desk under the pointer or keyboard focus, in words.
import type { LiveSite } from '../../protocol/live-view.ts';
import type { Site } from '../../protocol/site-model.ts';
import { describeState } from './desk-description.ts';
import { html, setAttr, setText } from './dom.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';
import type { TimeFormat } from './time-format.ts';

export type DeskDetails = {
  element: HTMLElement;
  show(deskId: string | undefined): void;
  update(live: LiveSite): void;
};

/**
 * @example const details = createDeskDetails(site, format); map.addEventListener('focusin', (e) => details.show(id))
 */
export function createDeskDetails(site: Site, format: TimeFormat, t: MapTranslate = englishMap): DeskDetails {
  const places = new Map(
    site.floors.flatMap((floor) =>
      floor.zones.flatMap((zone) => zone.desks.map((desk) => [desk.id, { desk, zone }])),
    ),
  );
  const element = html('p', { class: 'desk-details', 'data-testid': 'desk-details' });
  let live: LiveSite | undefined;
  let shown: string | undefined;

  const render = () => {
    const place = shown ? places.get(shown) : undefined;
    setAttr(element, 'data-empty', !place);
    if (!place) return setText(element, t('details.hint'));
    const desk = live?.desks.find((d) => d.id === place.desk.id);
    const heard = desk?.lastSeen ? t('desk.heard', { time: format.moment(desk.lastSeen) }) : '';
    setText(
      element,
      t('desk.details', {
        label: place.desk.label,
        zone: place.zone.name,
        state: describeState(desk, format, t),
      }) + heard,
    );
  };
  render();

  return {
    element,
    show(deskId) {
      shown = deskId;
      render();
    },
    update(next) {
      live = next;
      render();
    },
  };
}
