// The site model checked with the protocol's own schema before it is sent, each problem tied to the
// thing it is about (a desk object, a zone, the site) so the editor can show it beside that field.
import type { z } from 'zod';
import { type Desk, type Site, siteSchema } from '../../../../protocol/site-model.ts';
import type { Params } from '../../i18n/messages.ts';
import type { EditMessage } from './messages.ts';

export type IssueTarget =
  | { kind: 'desk'; desk: Desk; field: string }
  | { kind: 'zone'; zoneId: string; field: string }
  | { kind: 'site'; field: string };

export type DraftIssue = IssueTarget & { message: EditMessage; params: Params };

export type DraftCheck = { ok: true; site: Site } | { ok: false; issues: DraftIssue[] };

/**
 * Validates the working copy with siteSchema. A duplicate id is laid on the desk being added, not on
 * the saved one it copies, and is found even while other problems hide zod's own refinement.
 * @example checkDraft(site, draft.isNew) // { ok: false, issues: [{ kind: 'desk', field: 'label', message: 'errorRequired', … }] }
 */
export function checkDraft(site: Site, isNew: (desk: Desk) => boolean): DraftCheck {
  const parsed = siteSchema.safeParse(site);
  const issues: DraftIssue[] = [];
  const add = (issue: DraftIssue) => {
    const same = (other: DraftIssue) => sameTarget(other, issue);
    if (!issues.some(same)) issues.push(issue);
  };
  const duplicates = duplicateNewDesks(site, isNew);
  for (const desk of duplicates)
    add({ kind: 'desk', desk, field: 'id', message: 'errorDuplicateId', params: {} });
  if (parsed.success && issues.length === 0) return { ok: true, site: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const target = pathTarget(site, issue.path);
    const copied = target?.kind === 'desk' && duplicates.some((d) => d.id === target.desk.id);
    if (!(copied && issue.code === 'custom')) add({ ...target, ...describe(issue) });
  }
  return { ok: false, issues: inModelOrder(site, issues) };
}

/** Site first, then each zone followed by its desks, as the plan and the panels read. */
function inModelOrder(site: Site, issues: DraftIssue[]): DraftIssue[] {
  const order = new Map<unknown, number>();
  for (const zone of site.floors.flatMap((f) => f.zones)) {
    order.set(zone.id, order.size + 1);
    for (const desk of zone.desks) order.set(desk, order.size + 1);
  }
  const rank = (i: DraftIssue) =>
    i.kind === 'site' ? 0 : (order.get(i.kind === 'desk' ? i.desk : i.zoneId) ?? 0);
  return issues
    .map((issue, at) => ({ issue, at }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.at - b.at)
    .map((x) => x.issue);
}

/** What a path such as `floors.0.zones.1.desks.3.id` (from zod or the API's 400 reason) is about. */
export function pathTarget(site: Site, path: readonly PropertyKey[]): IssueTarget {
  const parts = path.map((p) => (typeof p === 'symbol' ? '' : String(p)));
  const [first, f, second, z, third, d, field] = parts;
  // Anything the editor has no field for (a floor's name, a door) is reported against the site.
  const elsewhere: IssueTarget = { kind: 'site', field: parts.join('.') };
  const zone =
    first === 'floors' && second === 'zones' ? site.floors[Number(f)]?.zones[Number(z)] : undefined;
  if (!zone) return elsewhere;
  if (third !== 'desks') return { kind: 'zone', zoneId: zone.id, field: third ?? '' };
  const desk = zone.desks[Number(d)];
  return desk ? { kind: 'desk', desk, field: field ?? '' } : elsewhere;
}

/** The path at the start of an API reason (`floors.0.zones.1.desks.3.id: duplicate …`), if any. */
export function reasonPath(reason: string): string[] {
  const match = reason.match(/^([\w.]+):\s/);
  return match?.[1]?.split('.') ?? [];
}

function duplicateNewDesks(site: Site, isNew: (desk: Desk) => boolean): Desk[] {
  const desks = site.floors.flatMap((f) => f.zones.flatMap((z) => z.desks));
  return desks.filter((desk) => isNew(desk) && desks.some((other) => other !== desk && other.id === desk.id));
}

function describe(issue: z.core.$ZodIssue): { message: EditMessage; params: Params } {
  const last = issue.path.at(-1);
  if (issue.code === 'custom' && last === 'id') return { message: 'errorDuplicateId', params: {} };
  if (issue.code === 'invalid_format') return { message: 'errorIdFormat', params: {} };
  if (issue.code === 'too_small' && issue.origin === 'string')
    return { message: 'errorRequired', params: {} };
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return { message: 'errorTooLong', params: { max: Number(issue.maximum) } };
  }
  if (last === 'capacity' && (issue.code === 'too_small' || issue.code === 'invalid_type')) {
    return { message: 'errorWholePositive', params: {} };
  }
  if (issue.code === 'too_small' || issue.code === 'invalid_type')
    return { message: 'errorNotNegative', params: {} };
  return { message: 'errorInvalid', params: { detail: issue.message } };
}

function sameTarget(a: IssueTarget, b: IssueTarget): boolean {
  if (a.field !== b.field || a.kind !== b.kind) return false;
  if (a.kind === 'desk' && b.kind === 'desk') return a.desk === b.desk;
  if (a.kind === 'zone' && b.kind === 'zone') return a.zoneId === b.zoneId;
  return true;
}
