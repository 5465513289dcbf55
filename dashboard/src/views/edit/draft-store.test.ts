import { describe, expect, it } from 'vitest';
import { siteSchema } from '../../../../protocol/site-model.ts';
import demo from '../../../../protocol/sites/demo.json' with { type: 'json' };
import { keepDraft, takeDraft } from './draft-store.ts';

/** sessionStorage's interface over a Map: Node has no Web Storage of its own. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const saved = siteSchema.parse(demo);

describe('draft store', () => {
  it('gives an unsaved draft back once, for the model it was made from', () => {
    const storage = memoryStorage();
    const edited = structuredClone(saved);
    edited.capacity = 50;
    keepDraft(storage, saved, { site: edited, added: ['a-17'] });
    expect(takeDraft(storage, saved)).toEqual({ site: edited, added: ['a-17'] });
    expect(takeDraft(storage, saved)).toBeUndefined();
  });

  it('drops a draft made from a model that has changed since', () => {
    const storage = memoryStorage();
    keepDraft(storage, saved, { site: saved, added: [] });
    expect(takeDraft(storage, { ...saved, capacity: 60 })).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('forgets a kept draft when there is nothing unsaved', () => {
    const storage = memoryStorage();
    keepDraft(storage, saved, { site: saved, added: [] });
    keepDraft(storage, saved, undefined);
    expect(takeDraft(storage, saved)).toBeUndefined();
  });
});
