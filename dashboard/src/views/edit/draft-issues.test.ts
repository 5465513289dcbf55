import { describe, expect, it } from 'vitest';
import { siteSchema } from '../../../../protocol/site-model.ts';
import demo from '../../../../protocol/sites/demo.json' with { type: 'json' };
import { planBounds } from './desk-position.ts';
import { checkDraft, pathTarget, reasonPath } from './draft-issues.ts';
import { createSiteDraft } from './site-draft.ts';

const saved = siteSchema.parse(demo);
const size = { width: 70, height: 46 };
const bounds = planBounds({ width: 1000, height: 600 }, size);

describe('draft issues', () => {
  it('passes the demo site as it is', () => {
    const draft = createSiteDraft(saved);
    expect(checkDraft(draft.site(), draft.isNew).ok).toBe(true);
  });

  it('ties an empty label, a bad capacity and a bad site capacity to their fields', () => {
    const draft = createSiteDraft(saved);
    const a1 = draft.site().floors[0]?.zones[0]?.desks[0];
    if (!a1) throw new Error('demo has a-01');
    draft.setDesk(a1, { label: '' });
    draft.setZoneCapacity('quiet', Number.NaN);
    draft.setSiteCapacity(2.5);
    const check = checkDraft(draft.site(), draft.isNew);
    if (check.ok) throw new Error('should fail');
    expect(check.issues.map(({ kind, field, message }) => [kind, field, message])).toEqual([
      ['site', 'capacity', 'errorWholePositive'],
      ['desk', 'label', 'errorRequired'],
      ['zone', 'capacity', 'errorWholePositive'],
    ]);
    expect(check.issues.find((i) => i.kind === 'desk')).toMatchObject({ desk: a1 });
  });

  it('lays a duplicate id on the desk being added, even beside other problems', () => {
    const draft = createSiteDraft(saved);
    const added = draft.addDesk('sala-corsi', bounds, size);
    if (!added) throw new Error('added');
    draft.setDesk(added, { id: 'b-01' });
    const check = checkDraft(draft.site(), draft.isNew);
    if (check.ok) throw new Error('should fail');
    expect(check.issues).toHaveLength(1);
    expect(check.issues[0]).toMatchObject({
      kind: 'desk',
      desk: added,
      field: 'id',
      message: 'errorDuplicateId',
    });
    draft.setDesk(added, { id: 'Bad id', label: '' });
    const both = checkDraft(draft.site(), draft.isNew);
    expect(both.ok ? [] : both.issues.map((i) => i.message)).toEqual(['errorIdFormat', 'errorRequired']);
  });

  it('finds what an API reason names', () => {
    const path = reasonPath('floors.0.zones.1.desks.2.id: duplicate desk id "s-03"');
    expect(path).toEqual(['floors', '0', 'zones', '1', 'desks', '2', 'id']);
    expect(pathTarget(saved, path)).toMatchObject({ kind: 'desk', field: 'id', desk: { id: 's-03' } });
    expect(pathTarget(saved, ['floors', '0', 'doors', '0', 'id'])).toEqual({
      kind: 'site',
      field: 'floors.0.doors.0.id',
    });
    expect(reasonPath('no site here')).toEqual([]);
  });
});
