// The live floor-map page for one site: header, summary, floor tabs with plan and zones, legend.
// Built once from the site model; update() is cheap enough to call on every stream event.
import type { LiveSite } from '../../protocol/live-view.ts';
import type { Floor, Site } from '../../protocol/site-model.ts';
import { createDeskDetails } from './desk-details.ts';
import { enableDeskKeyboard } from './desk-keyboard.ts';
import { deskPatterns } from './desk-marker.ts';
import { html, setText } from './dom.ts';
import { createFloorMap, type FloorMap } from './floor-map.ts';
import { PORTRAIT_QUERY, quarterTurn, shouldTurn } from './floor-orientation.ts';
import { createFloorTabs } from './floor-tabs.ts';
import { createLegend } from './legend.ts';
import { englishMap, type MapTranslate } from './map-messages.ts';
import { createSiteSummary } from './site-summary.ts';
import type { TimeFormat } from './time-format.ts';
import { createZoneList } from './zone-list.ts';

export type SiteView = {
  element: HTMLElement;
  update(live: LiveSite): void;
  close(): void;
};

export type SiteViewOptions = {
  site: Site;
  format: TimeFormat;
  initialFloor?: string;
  onFloorChange?: (floorId: string) => void;
  t?: MapTranslate;
};

/**
 * @example const view = createSiteView({ site, format }); root.replaceChildren(view.element); view.update(live)
 */
export function createSiteView(options: SiteViewOptions): SiteView {
  const { site, format, initialFloor, onFloorChange, t = englishMap } = options;
  const updated = html('p', { class: 'updated' });
  const summary = createSiteSummary(format, t);
  const details = createDeskDetails(site, format, t);
  const tabs = createFloorTabs({
    floors: site.floors,
    ...(initialFloor ? { initial: initialFloor } : {}),
    ...(onFloorChange ? { onSelect: onFloorChange } : {}),
    t,
  });
  const floors = site.floors.map((floor) => floorContent(floor, format, t, details.show));
  for (const floor of floors) tabs.panels.get(floor.id)?.append(floor.element);

  const element = html('main', { id: 'main', class: 'site', tabindex: -1 }, [
    deskPatterns(),
    html('div', { class: 'top' }, [
      html('div', { class: 'brand' }, [
        html('p', { class: 'eyebrow' }, [t('eyebrow')]),
        html('h1', { class: 'site-name' }, [site.name]),
      ]),
      html('div', { class: 'status' }, [updated]),
    ]),
    summary.element,
    html('section', { class: 'floors', 'aria-label': t('floors') }, [
      html('div', { class: 'floors-bar' }, [
        tabs.element,
        html('p', { class: 'timezone-note' }, [t('timezone', { zone: site.timezone.replace(/_/g, ' ') })]),
      ]),
      ...tabs.panels.values(),
      html('div', { class: 'below-map' }, [details.element, createLegend(t)]),
    ]),
  ]);

  return {
    element,
    update(live) {
      summary.update(live);
      tabs.update(live);
      details.update(live);
      for (const floor of floors) floor.update(live);
      setText(updated, t('updated', { time: format.clock(live.at) }));
    },
    close() {
      for (const floor of floors) floor.close();
    },
  };
}

function floorContent(floor: Floor, format: TimeFormat, t: MapTranslate, onDesk: (id?: string) => void) {
  const zones = createZoneList(floor, t);
  const mapCard = html('div', { class: 'map-card' });
  const portrait = shouldTurn(floor) ? globalThis.matchMedia?.(PORTRAIT_QUERY) : undefined;
  let live: LiveSite | undefined;
  let map: FloorMap | undefined;
  let stopKeyboard = () => {};

  // Redrawn, not duplicated, when the screen turns: browser tests expect each desk exactly once.
  const draw = () => {
    stopKeyboard();
    map = createFloorMap(portrait?.matches ? quarterTurn(floor) : floor, format, t);
    stopKeyboard = enableDeskKeyboard(map.element, map.markers, onDesk);
    if (live) map.update(live);
    mapCard.replaceChildren(map.element);
  };
  draw();
  portrait?.addEventListener('change', draw);

  const onPointer = (event: Event) => {
    const desk = (event.target as Element).closest?.('[data-desk]');
    onDesk(desk?.getAttribute('data-desk') ?? undefined);
  };
  mapCard.addEventListener('pointerover', onPointer);
  mapCard.addEventListener('pointerleave', () => onDesk(undefined));
  const element = html('div', { class: 'floor-layout' }, [
    mapCard,
    html('aside', { class: 'side' }, [zones.element]),
  ]);
  return {
    id: floor.id,
    element,
    update(next: LiveSite) {
      live = next;
      map?.update(next);
      zones.update(next);
    },
    close() {
      stopKeyboard();
      portrait?.removeEventListener('change', draw);
    },
  };
}
