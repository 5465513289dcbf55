// The editor itself, once the site is loaded: floor plans, the selected desk's panel, zone and site
// capacity, the problem list and Save / Undo. Every change goes through the draft, then one refresh()
// brings plans, panels and status in line with it.
import type { Desk, Site } from '../../../../protocol/site-model.ts';
import type { ApiClient } from '../../api-client.ts';
import { html, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { TimeFormat } from '../../time-format.ts';
import { createCapacityPanel } from './capacity-panel.ts';
import { createDeskPanel, type DeskPanelHandlers } from './desk-panel.ts';
import { type Point, placeOnGrid } from './desk-position.ts';
import { checkDraft, type DraftIssue } from './draft-issues.ts';
import { keepDraft, takeDraft } from './draft-store.ts';
import { createEditToolbar } from './edit-toolbar.ts';
import { createFloorPlans } from './floor-plans.ts';
import { createIssueList } from './issue-list.ts';
import type { EditMessage } from './messages.ts';
import { saveDraft } from './save-draft.ts';
import { createSiteDraft } from './site-draft.ts';
import { createUnsavedGuard } from './unsaved-guard.ts';

export type SiteEditorOptions = {
  site: Site;
  api: ApiClient;
  t: Translate<EditMessage>;
  format: TimeFormat;
  now: () => number;
  params: URLSearchParams;
  setParams(params: URLSearchParams): void;
  /** Where an unsaved draft waits while the view is re-created (sessionStorage). */
  storage: Storage;
  window: Window;
};

export type SiteEditor = { element: HTMLElement; close(): void };

/**
 * @example const editor = createSiteEditor({ site, api, t, format, now, params, setParams, storage: sessionStorage, window })
 */
export function createSiteEditor(o: SiteEditorOptions): SiteEditor {
  const { t } = o;
  const unsaved = takeDraft(o.storage, o.site);
  const draft = createSiteDraft(o.site, unsaved);
  const state = { selected: undefined as Desk | undefined, saving: false, issues: [] as DraftIssue[] };
  const announcer = html('p', { class: 'visually-hidden', role: 'status' });
  const guard = createUnsavedGuard(o.window);
  const change = (apply: () => void) => {
    apply();
    refresh();
  };

  const toolbar = createEditToolbar(t, { onSave: () => void save(), onUndo: undo });
  const issueList = createIssueList(t, pick);
  const deskPanel = createDeskPanel(t, {
    onChange: (desk, patch) => change(() => edit(desk, patch)),
    onZone: (desk, zoneId) => change(() => draft.changeZone(desk, zoneId)),
    onRemove: remove,
  });
  const capacity = createCapacityPanel(t, {
    onZoneCapacity: (zoneId, value) => change(() => draft.setZoneCapacity(zoneId, value)),
    onSiteCapacity: (value) => change(() => draft.setSiteCapacity(value)),
    onAddDesk: add,
  });
  const plans = createFloorPlans({
    site: draft.site(),
    t,
    initialFloor: o.params.get('floor') ?? undefined,
    onFloor,
    deskName,
    onSelect: select,
    onMove: move,
    onOpen: () => deskPanel.focusFirst(),
  });

  const element = html('main', { id: 'main', class: 'view edit-view', tabindex: -1 }, [
    html('div', { class: 'edit-head' }, [
      html('h1', {}, [t('title')]),
      html('p', { class: 'edit-intro' }, [t('intro')]),
    ]),
    toolbar.element,
    issueList.element,
    html('div', { class: 'edit-layout' }, [
      plans.element,
      html('div', { class: 'edit-side' }, [deskPanel.element, capacity.element]),
    ]),
    announcer,
  ]);

  function refresh(): void {
    const site = draft.site();
    const check = checkDraft(site, draft.isNew);
    state.issues = check.ok ? [] : check.issues;
    if (state.selected && !draft.locate(state.selected)) state.selected = undefined;
    plans.sync(
      site,
      state.selected,
      new Set(state.issues.flatMap((i) => (i.kind === 'desk' ? [i.desk] : []))),
    );
    const place = state.selected && draft.locate(state.selected);
    const own = state.issues.filter((i) => i.kind === 'desk' && i.desk === state.selected);
    deskPanel.show(place, Boolean(place && draft.isNew(place.desk)), own);
    capacity.show(site, plans.tabs.selected(), state.issues);
    issueList.show(state.issues, zoneName);
    toolbar.setState({ dirty: draft.dirty(), saving: state.saving });
    guard.set(draft.dirty());
  }

  function deskName(desk: Desk, zone: string): string {
    const name = t('deskName', { label: desk.label || desk.id, zone, x: desk.x, y: desk.y });
    return state.issues.some((i) => i.kind === 'desk' && i.desk === desk) ? t('deskInvalid', { name }) : name;
  }

  function zoneName(zoneId: string): string {
    return (
      draft
        .site()
        .floors.flatMap((f) => f.zones)
        .find((z) => z.id === zoneId)?.name ?? zoneId
    );
  }

  function onFloor(floorId: string): void {
    const params = new URLSearchParams(o.params);
    params.set('floor', floorId);
    o.setParams(params);
    if (state.selected && draft.locate(state.selected)?.floor.id !== floorId) state.selected = undefined;
    refresh();
  }

  /** A typed position is kept on the plan but not snapped: the grid is for the pointer and the keys. */
  function edit(desk: Desk, patch: Parameters<DeskPanelHandlers['onChange']>[1]): void {
    draft.setDesk(desk, patch);
    if (patch.x === undefined && patch.y === undefined) return;
    const at = { x: patch.x ?? desk.x, y: patch.y ?? desk.y };
    const floor = draft.locate(desk)?.floor.id ?? '';
    const typed = Number.isFinite(at.x) && Number.isFinite(at.y);
    draft.moveDesk(desk, typed ? placeOnGrid(at, plans.geometry(floor).bounds, 1) : at);
  }

  function select(desk: Desk): void {
    if (state.selected !== desk) change(() => (state.selected = desk));
  }

  function move(desk: Desk, to: Point, by: 'drag' | 'key'): void {
    state.selected = desk;
    change(() => draft.moveDesk(desk, to));
    if (by === 'key') setText(announcer, t('moved', { label: desk.label, x: to.x, y: to.y }));
  }

  function add(zoneId: string): void {
    const floor = draft.site().floors.find((f) => f.zones.some((z) => z.id === zoneId));
    const { bounds, size } = plans.geometry(floor?.id ?? '');
    const desk = draft.addDesk(zoneId, bounds, size);
    if (!desk) return;
    change(() => (state.selected = desk));
    toolbar.say(t('added', { label: desk.label, zone: zoneName(zoneId) }), 'done');
    deskPanel.focusFirst();
  }

  function remove(desk: Desk): void {
    const place = draft.locate(desk);
    if (!place) return;
    const at = place.zone.desks.indexOf(desk);
    draft.removeDesk(desk);
    const next = place.zone.desks[at] ?? place.zone.desks[at - 1];
    change(() => (state.selected = next));
    toolbar.say(t('removed', { label: desk.label }), 'done');
    if (next) plans.focus(place.floor.id, next);
    else capacity.focusZone(place.zone.id);
  }

  /** From the problem list to the field to fix, on whichever floor it is. */
  function pick(issue: DraftIssue): void {
    if (issue.kind === 'site') {
      capacity.focusSite();
      return;
    }
    const zoneId = issue.kind === 'zone' ? issue.zoneId : draft.locate(issue.desk)?.zone.id;
    const floor = draft.site().floors.find((f) => f.zones.some((z) => z.id === zoneId));
    if (floor) plans.tabs.select(floor.id);
    if (issue.kind === 'zone') {
      capacity.focusZone(issue.zoneId);
      return;
    }
    change(() => (state.selected = issue.desk));
    deskPanel.focusField(issue.field);
  }

  function undo(): void {
    draft.revert();
    change(() => (state.selected = undefined));
    toolbar.say(t('reverted'), 'done');
  }

  async function save(): Promise<void> {
    if (state.saving) return;
    state.saving = true;
    toolbar.clear();
    refresh();
    const outcome = await saveDraft(draft, o.api);
    state.saving = false;
    if (outcome.kind === 'refused' && outcome.target.kind === 'desk') state.selected = outcome.target.desk;
    refresh();
    if (outcome.kind === 'saved') toolbar.say(t('saved', { time: o.format.clock(o.now()) }), 'done');
    if (outcome.kind === 'unreachable') toolbar.say(t('unreachable'), 'error');
    if (outcome.kind === 'refused') toolbar.say(t('saveFailed', { reason: outcome.reason }), 'error');
    if (outcome.kind === 'invalid') {
      toolbar.say(t('notSaved', { count: outcome.count }), 'error');
      issueList.focus();
    }
  }

  refresh();
  if (unsaved) toolbar.say(t('restored'), 'done');
  return {
    element,
    close() {
      const dirty = draft.dirty();
      keepDraft(
        o.storage,
        draft.saved(),
        dirty ? { site: draft.site(), added: draft.addedIds() } : undefined,
      );
      guard.close();
    },
  };
}
