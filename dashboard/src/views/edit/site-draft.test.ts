import { describe, expect, it } from 'vitest';
import { siteSchema } from '../../../../protocol/site-model.ts';
import demo from '../../../../protocol/sites/demo.json' with { type: 'json' };
import { planBounds } from './desk-position.ts';
import { createSiteDraft } from './site-draft.ts';

const saved = siteSchema.parse(demo);
const size = { width: 70, height: 46 };
const bounds = planBounds({ width: 1000, height: 600 }, size);
const desk = (draft: ReturnType<typeof createSiteDraft>, id: string) => {
  const found = draft
    .site()
    .floors.flatMap((f) => f.zones.flatMap((z) => z.desks))
    .find((d) => d.id === id);
  if (!found) throw new Error(`no desk ${id}`);
  return found;
};

describe('site draft', () => {
  it('is dirty after a move and clean again after undo, leaving the saved model alone', () => {
    const draft = createSiteDraft(saved);
    draft.moveDesk(desk(draft, 'a-01'), { x: 130, y: 100 });
    expect(draft.dirty()).toBe(true);
    expect(saved.floors[0]?.zones[0]?.desks[0]?.x).toBe(80);
    draft.revert();
    expect(draft.dirty()).toBe(false);
    expect(desk(draft, 'a-01').x).toBe(80);
  });

  it('is clean after a save and keeps the desk objects', () => {
    const draft = createSiteDraft(saved);
    const a1 = desk(draft, 'a-01');
    draft.setDesk(a1, { label: 'Window 1' });
    draft.markSaved(structuredClone(draft.site()));
    expect(draft.dirty()).toBe(false);
    expect(desk(draft, 'a-01')).toBe(a1);
    expect(draft.saved().floors[0]?.zones[0]?.desks[0]?.label).toBe('Window 1');
  });

  it('lets only a desk added since the save change its id', () => {
    const draft = createSiteDraft(saved);
    const a1 = desk(draft, 'a-01');
    draft.setDesk(a1, { id: 'zz' });
    expect(a1.id).toBe('a-01');
    const added = draft.addDesk('open-a', bounds, size);
    if (!added) throw new Error('added');
    expect(draft.isNew(added)).toBe(true);
    draft.setDesk(added, { id: 'a-99' });
    expect(added.id).toBe('a-99');
    expect(draft.locate(added)?.zone.id).toBe('open-a');
    expect(draft.addedIds()).toEqual(['a-99']);
    const carried = createSiteDraft(saved, { site: draft.site(), added: draft.addedIds() });
    expect(carried.dirty()).toBe(true);
    expect(carried.addedIds()).toEqual(['a-99']);
    draft.markSaved(structuredClone(draft.site()));
    expect(draft.isNew(added)).toBe(false);
  });

  it('moves a desk to another zone of its floor only, and removes one', () => {
    const draft = createSiteDraft(saved);
    const a1 = desk(draft, 'a-01');
    draft.changeZone(a1, 'open-b');
    expect(draft.locate(a1)?.zone.id).toBe('open-a');
    draft.changeZone(a1, 'sala-corsi');
    expect(draft.locate(a1)?.zone.id).toBe('sala-corsi');
    expect(draft.locate(a1)?.zone.desks.at(-1)).toBe(a1);
    draft.removeDesk(a1);
    expect(draft.locate(a1)).toBeUndefined();
    expect(draft.site().floors[0]?.zones.flatMap((z) => z.desks)).toHaveLength(21);
  });

  it('stays dirty for an edit made while a save was under way', () => {
    const draft = createSiteDraft(saved);
    draft.setSiteCapacity(50);
    const sent = structuredClone(draft.site());
    draft.setSiteCapacity(51);
    draft.markSaved(sent);
    expect(draft.dirty()).toBe(true);
  });

  it('sets zone and site capacity', () => {
    const draft = createSiteDraft(saved);
    draft.setZoneCapacity('quiet', 7);
    draft.setSiteCapacity(50);
    expect(draft.site().floors[1]?.zones[1]?.capacity).toBe(7);
    expect(draft.site().capacity).toBe(50);
  });
});
