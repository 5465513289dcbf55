// The site model being edited: a working copy changed in place, so a desk stays the same object while it
// moves (the plan and the panel follow it by identity), and the last saved model to compare and go back to.
import type { Desk, Floor, Site, Zone } from '../../../../protocol/site-model.ts';
import type { Bounds, Point } from './desk-position.ts';
import { newDesk } from './new-desk.ts';

export type DeskPlace = { floor: Floor; zone: Zone; desk: Desk };

export type SiteDraft = {
  /** The working copy; change it only through the methods below. */
  site(): Site;
  saved(): Site;
  /** Whether the working copy differs from the last saved model. */
  dirty(): boolean;
  /** Whether the desk was added since the last save: only then may its id change. */
  isNew(desk: Desk): boolean;
  locate(desk: Desk): DeskPlace | undefined;
  moveDesk(desk: Desk, to: Point): void;
  setDesk(desk: Desk, patch: Partial<Pick<Desk, 'id' | 'label'>>): void;
  /** Moves a desk into another zone of its floor; it keeps its position. */
  changeZone(desk: Desk, zoneId: string): void;
  addDesk(zoneId: string, bounds: Bounds, size: { width: number; height: number }): Desk | undefined;
  removeDesk(desk: Desk): void;
  setZoneCapacity(zoneId: string, capacity: number): void;
  setSiteCapacity(capacity: number): void;
  /** `sent` (a copy of the working model when Save was pressed) is now what the server keeps. */
  markSaved(sent: Site): void;
  /** Ids of the desks added since the last save, to carry an unsaved draft over (see draft-store.ts). */
  addedIds(): string[];
  /** Back to the last saved model; desks are new objects afterwards. */
  revert(): void;
};

/**
 * @example const draft = createSiteDraft(site); draft.moveDesk(desk, { x: 90, y: 100 }); draft.dirty() // true
 */
export function createSiteDraft(
  initial: Site,
  unsaved?: { site: Site; added: readonly string[] },
): SiteDraft {
  let saved = structuredClone(initial);
  let savedJson = JSON.stringify(saved);
  let site = structuredClone(unsaved?.site ?? saved);
  let added = new WeakSet<Desk>();
  const allDesks = () => site.floors.flatMap((f) => f.zones.flatMap((z) => z.desks));
  for (const desk of allDesks()) if (unsaved?.added.includes(desk.id)) added.add(desk);

  const zones = () => site.floors.flatMap((floor) => floor.zones.map((zone) => ({ floor, zone })));
  const zone = (zoneId: string) => zones().find((z) => z.zone.id === zoneId);
  const locate = (desk: Desk): DeskPlace | undefined => {
    const found = zones().find(({ zone }) => zone.desks.includes(desk));
    return found && { ...found, desk };
  };

  return {
    site: () => site,
    saved: () => saved,
    dirty: () => JSON.stringify(site) !== savedJson,
    isNew: (desk) => added.has(desk),
    locate,
    moveDesk(desk, to) {
      desk.x = to.x;
      desk.y = to.y;
    },
    setDesk(desk, patch) {
      if (patch.id !== undefined && added.has(desk)) desk.id = patch.id;
      if (patch.label !== undefined) desk.label = patch.label;
    },
    changeZone(desk, zoneId) {
      const from = locate(desk);
      const to = zone(zoneId);
      if (!from || !to || to.floor !== from.floor || to.zone === from.zone) return;
      from.zone.desks.splice(from.zone.desks.indexOf(desk), 1);
      to.zone.desks.push(desk);
    },
    addDesk(zoneId, bounds, size) {
      const target = zone(zoneId);
      if (!target) return undefined;
      const desk = newDesk(site, target.floor, target.zone, bounds, size);
      target.zone.desks.push(desk);
      added.add(desk);
      return desk;
    },
    removeDesk(desk) {
      const place = locate(desk);
      place?.zone.desks.splice(place.zone.desks.indexOf(desk), 1);
    },
    setZoneCapacity(zoneId, capacity) {
      const target = zone(zoneId);
      if (target) target.zone.capacity = capacity;
    },
    setSiteCapacity(capacity) {
      site.capacity = capacity;
    },
    addedIds: () => allDesks().flatMap((desk) => (added.has(desk) ? [desk.id] : [])),
    markSaved(sent) {
      saved = structuredClone(sent);
      savedJson = JSON.stringify(saved);
      added = new WeakSet();
    },
    revert() {
      site = structuredClone(saved);
      added = new WeakSet();
    },
  };
}
