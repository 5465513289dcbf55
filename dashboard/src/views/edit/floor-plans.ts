// The floor tabs with one editable plan per floor; the floor shown is kept in the address (`?floor=`).
import type { Desk, Floor, Site } from '../../../../protocol/site-model.ts';
import { html } from '../../dom.ts';
import { deskSize } from '../../floor-layout.ts';
import { createFloorTabs, type FloorTabs } from '../../floor-tabs.ts';
import type { Translate } from '../../i18n/messages.ts';
import { type Bounds, type Point, planBounds } from './desk-position.ts';
import type { EditMessage } from './messages.ts';
import { createPlanEditor, type PlanEditor, type PlanEditorOptions } from './plan-editor.ts';

export type Geometry = { size: { width: number; height: number }; bounds: Bounds };

export type FloorPlans = {
  element: HTMLElement;
  tabs: FloorTabs;
  geometry(floorId: string): Geometry;
  sync(site: Site, selected: Desk | undefined, invalid: ReadonlySet<Desk>): void;
  focus(floorId: string, desk: Desk): void;
};

export type FloorPlansOptions = {
  site: Site;
  t: Translate<EditMessage>;
  initialFloor: string | undefined;
  onFloor(floorId: string): void;
  deskName(desk: Desk, zoneName: string): string;
  onSelect(desk: Desk): void;
  onMove(desk: Desk, to: Point, by: 'drag' | 'key'): void;
  onOpen(desk: Desk): void;
};

const HINT_ID = 'edit-desk-hint';

/**
 * Desk size is fixed per floor from the layout first loaded, so desks do not shrink while one is dragged
 * close to another.
 * @example const plans = createFloorPlans({ site, t, initialFloor: params.get('floor') ?? undefined, … })
 */
export function createFloorPlans(o: FloorPlansOptions): FloorPlans {
  const geometries = new Map(o.site.floors.map((f) => [f.id, geometryOf(f)]));
  const geometry = (floorId: string) => geometries.get(floorId) ?? NOWHERE;
  const tabs = createFloorTabs({ floors: o.site.floors, initial: o.initialFloor, onSelect: o.onFloor });
  tabs.element.setAttribute('aria-label', o.t('floors'));
  const plans = new Map<string, PlanEditor>();
  const handlers: Omit<PlanEditorOptions, 'size' | 'bounds'> = {
    hintId: HINT_ID,
    deskName: o.deskName,
    planName: (f) => o.t('plan', { floor: f.name, count: f.zones.reduce((n, z) => n + z.desks.length, 0) }),
    onSelect: o.onSelect,
    onMove: o.onMove,
    onOpen: o.onOpen,
  };
  for (const floor of o.site.floors) {
    const plan = createPlanEditor(floor, { ...geometry(floor.id), ...handlers });
    plans.set(floor.id, plan);
    tabs.panels.get(floor.id)?.append(html('div', { class: 'map-card edit-map' }, [plan.element]));
  }
  const element = html('div', { class: 'edit-plans' }, [
    html('div', { class: 'floors-bar' }, [tabs.element]),
    ...tabs.panels.values(),
    html('p', { id: HINT_ID, class: 'edit-hint' }, [o.t('deskHint')]),
  ]);
  return {
    element,
    tabs,
    geometry,
    sync(site, selected, invalid) {
      for (const floor of site.floors) plans.get(floor.id)?.sync(floor, selected, invalid);
    },
    focus(floorId, desk) {
      tabs.select(floorId);
      plans.get(floorId)?.focus(desk);
    },
  };
}

/** For a floor id not in the model (never asked for in practice): nothing may move. */
const NOWHERE: Geometry = { size: { width: 40, height: 26 }, bounds: { minX: 0, minY: 0, maxX: 0, maxY: 0 } };

function geometryOf(floor: Floor): Geometry {
  const size = deskSize(floor);
  return { size, bounds: planBounds(floor, size) };
}
