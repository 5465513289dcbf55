// Unsaved edits outlive the view: the shell re-creates it on a language or route change, and a manager
// who switches to Italian mid-edit should not lose the layout. Kept per site in sessionStorage, and only
// restored onto the same saved model it was made from.

import { z } from 'zod';
import { type Site, siteSchema } from '../../../../protocol/site-model.ts';

export type UnsavedDraft = { site: Site; added: string[] };

const storedSchema = z.object({ base: z.string(), site: z.unknown(), added: z.array(z.string()) });

const key = (siteId: string) => `prossima-edit-draft:${siteId}`;

/** Keeps `draft` (made from `saved`), or forgets any kept draft when `draft` is undefined. */
export function keepDraft(storage: Storage, saved: Site, draft: UnsavedDraft | undefined): void {
  try {
    if (!draft) storage.removeItem(key(saved.id));
    else storage.setItem(key(saved.id), JSON.stringify({ base: JSON.stringify(saved), ...draft }));
  } catch {
    // Storage full or denied: the edits are lost as they would be without this, nothing worse.
  }
}

/** The draft kept for this exact saved model, if any; it is forgotten once taken. */
export function takeDraft(storage: Storage, saved: Site): UnsavedDraft | undefined {
  try {
    const stored = storedSchema.safeParse(JSON.parse(storage.getItem(key(saved.id)) ?? 'null'));
    storage.removeItem(key(saved.id));
    if (!stored.success || stored.data.base !== JSON.stringify(saved)) return undefined;
    // The draft may be invalid (it was being edited), so only its shape is checked here.
    const site = siteSchema.safeParse(stored.data.site);
    return { site: site.success ? site.data : (stored.data.site as Site), added: stored.data.added };
  } catch {
    return undefined;
  }
}
