// The zone filter: a native select, so phones show their own picker and the keyboard works as
// everywhere else. Its options carry each zone's free count, rewritten as the answers come in.
import type { Site } from '../../../../protocol/site-model.ts';
import { html, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { FreeDesks } from './free-desks-schema.ts';
import type { FindKey } from './messages.ts';

export type ZoneFilter = {
  element: HTMLElement;
  update(data: FreeDesks): void;
};

const ALL = '';

/**
 * @example const filter = createZoneFilter(site, 'open-a', t, (zone) => show(zone)); filter.update(answer)
 */
export function createZoneFilter(
  site: Site,
  chosen: string | undefined,
  t: Translate<FindKey>,
  onChange: (zone: string | undefined) => void,
): ZoneFilter {
  const zones = site.floors.flatMap((floor) => floor.zones.map((zone) => ({ zone, floor })));
  const all = html('option', { value: ALL }, [t('allZones', { count: 0 })]);
  const options = zones.map(({ zone, floor }) => {
    const option = html('option', { value: zone.id }, [zone.name]);
    return { option, zone, floor };
  });
  const select = html('select', { id: 'find-zone', class: 'find-zone-select', name: 'zone' }, [
    all,
    ...options.map((o) => o.option),
  ]);
  select.value = chosen ?? ALL;
  select.addEventListener('change', () => onChange(select.value === ALL ? undefined : select.value));
  const element = html('div', { class: 'find-filter' }, [
    html('label', { for: 'find-zone', class: 'find-filter-label' }, [t('zone')]),
    select,
  ]);
  return {
    element,
    update(data) {
      setText(all, t('allZones', { count: data.free }));
      for (const { option, zone, floor } of options) {
        const count = data.zones.find((z) => z.id === zone.id)?.free ?? 0;
        setText(option, t('zoneOption', { zone: zone.name, floor: floor.name, count }));
      }
    },
  };
}
