// The live floor map (everyone): the site's plan per floor with each desk's state, the headcount
// and the zones' counts, following the shared live feed.
import type { ViewFactory } from '../../app/view.ts';
import { translator } from '../../i18n/messages.ts';
import { mapMessages } from '../../map-messages.ts';
import { createSiteView } from '../../site-view.ts';

export const createLiveView: ViewFactory = (context) => {
  const { site, format, params, setParams, live } = context;
  const floor = params.get('floor');
  const view = createSiteView({
    site,
    format,
    t: translator(mapMessages, context.lang),
    ...(floor ? { initialFloor: floor } : {}),
    // The chosen floor stays in the address, so a reload or a shared link opens the same one.
    onFloorChange: (floorId) => {
      const next = new URLSearchParams(params);
      next.set('floor', floorId);
      setParams(next);
    },
  });
  const stop = live.subscribe(view.update);
  return {
    element: view.element,
    close() {
      stop();
      view.close();
    },
  };
};
