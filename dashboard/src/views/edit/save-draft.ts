// Saving is all or nothing: the whole model is checked with the protocol's schema, then PUT in one
// request. What the server answers becomes the saved model only if the user changed nothing meanwhile.
import { type Site, siteSchema } from '../../../../protocol/site-model.ts';
import { type ApiClient, ApiError, sitePath } from '../../api-client.ts';
import { checkDraft, type IssueTarget, pathTarget, reasonPath } from './draft-issues.ts';
import type { SiteDraft } from './site-draft.ts';

export type SaveOutcome =
  | { kind: 'saved' }
  | { kind: 'invalid'; count: number }
  | { kind: 'unreachable' }
  /** The server's 400 (or other) reason, and what its field path names, when it names one. */
  | { kind: 'refused'; reason: string; target: IssueTarget };

/**
 * @example const outcome = await saveDraft(draft, api); if (outcome.kind === 'refused') show(outcome.reason)
 */
export async function saveDraft(draft: SiteDraft, api: ApiClient): Promise<SaveOutcome> {
  const check = checkDraft(draft.site(), draft.isNew);
  if (!check.ok) return { kind: 'invalid', count: check.issues.length };
  // A copy of what is sent: edits made while the request is out stay unsaved.
  const sent: Site = structuredClone(draft.site());
  try {
    await api.send('PUT', sitePath(sent.id), check.site, siteSchema);
    draft.markSaved(sent);
    return { kind: 'saved' };
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) return { kind: 'unreachable' };
    const reason = error instanceof ApiError ? (error.reason ?? error.message) : String(error);
    return { kind: 'refused', reason, target: pathTarget(draft.site(), reasonPath(reason)) };
  }
}
