// The zones of the floor shown (capacity, how many desks, "add a desk") and the site's capacity.
// Rows are kept per zone id, so typing a capacity never loses focus when the rest redraws.
import type { Site, Zone } from '../../../../protocol/site-model.ts';
import { html, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { DraftIssue } from './draft-issues.ts';
import { type FormField, formField, typedNumber } from './form-field.ts';
import type { EditMessage } from './messages.ts';

export type CapacityHandlers = {
  onZoneCapacity(zoneId: string, capacity: number): void;
  onSiteCapacity(capacity: number): void;
  onAddDesk(zoneId: string): void;
};

export type CapacityPanel = {
  element: HTMLElement;
  show(site: Site, floorId: string, issues: readonly DraftIssue[]): void;
  focusZone(zoneId: string): void;
  focusSite(): void;
};

type ZoneRow = {
  element: HTMLElement;
  name: HTMLElement;
  count: HTMLElement;
  add: HTMLButtonElement;
  capacity: FormField;
};

/**
 * @example const panel = createCapacityPanel(t, handlers); panel.show(draft.site(), 'ground', issues)
 */
export function createCapacityPanel(t: Translate<EditMessage>, handlers: CapacityHandlers): CapacityPanel {
  const rows = new Map<string, ZoneRow>();
  const list = html('div', { class: 'edit-zone-list' });
  const siteCapacity = formField({
    id: 'edit-site-capacity',
    label: t('siteCapacity'),
    type: 'number',
    attrs: { min: 1, step: 1, inputmode: 'numeric' },
    onInput: (v) => handlers.onSiteCapacity(typedNumber(v)),
  });
  const element = html('div', { class: 'edit-capacity' }, [
    html('section', { class: 'edit-card', 'aria-labelledby': 'edit-zones-heading' }, [
      html('h2', { id: 'edit-zones-heading' }, [t('zones')]),
      list,
    ]),
    html('section', { class: 'edit-card', 'aria-labelledby': 'edit-site-heading' }, [
      html('h2', { id: 'edit-site-heading' }, [t('site')]),
      siteCapacity.element,
    ]),
  ]);

  function row(zone: Zone): ZoneRow {
    const existing = rows.get(zone.id);
    if (existing) return existing;
    const name = html('h3', { id: `edit-zone-${zone.id}` });
    const count = html('p', { class: 'edit-zone-count' });
    const capacity = formField({
      id: `edit-zone-capacity-${zone.id}`,
      label: t('capacity'),
      type: 'number',
      attrs: { min: 1, step: 1, inputmode: 'numeric' },
      onInput: (v) => handlers.onZoneCapacity(zone.id, typedNumber(v)),
    });
    const add = html('button', { type: 'button', class: 'edit-button', 'data-add-desk': zone.id }, [
      t('addDesk'),
    ]);
    add.addEventListener('click', () => handlers.onAddDesk(zone.id));
    const element = html('div', { class: 'edit-zone', role: 'group', 'aria-labelledby': name.id }, [
      html('div', { class: 'edit-zone-head' }, [name, count]),
      capacity.element,
      add,
    ]);
    const made = { element, name, count, add, capacity };
    rows.set(zone.id, made);
    return made;
  }

  return {
    element,
    show(site, floorId, issues) {
      const zones = site.floors.find((f) => f.id === floorId)?.zones ?? [];
      const shown = zones.map((zone) => {
        const r = row(zone);
        setText(r.name, zone.name);
        setText(r.count, t('deskCount', { count: zone.desks.length }));
        r.add.setAttribute('aria-label', t('addDeskTo', { zone: zone.name }));
        r.capacity.show(zone.capacity);
        const issue = issues.find((i) => i.kind === 'zone' && i.zoneId === zone.id && i.field === 'capacity');
        r.capacity.setError(issue && t(issue.message, issue.params));
        return r.element;
      });
      if (shown.some((el, i) => list.children[i] !== el) || list.children.length !== shown.length) {
        list.replaceChildren(...shown);
      }
      siteCapacity.show(site.capacity);
      const total = site.floors.flatMap((f) => f.zones).reduce((sum, z) => sum + (z.capacity || 0), 0);
      siteCapacity.setHint(t('zonesTotal', { count: total }));
      const issue = issues.find((i) => i.kind === 'site' && i.field === 'capacity');
      siteCapacity.setError(issue && t(issue.message, issue.params));
    },
    focusZone(zoneId) {
      rows.get(zoneId)?.capacity.input.focus();
    },
    focusSite() {
      siteCapacity.input.focus();
    },
  };
}
