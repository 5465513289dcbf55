import type { Site } from '../../../../protocol/site-model.ts';
import { html, setAttr, setText } from '../../dom.ts';
import type { PlannerKey, PlannerTranslate } from './messages.ts';
import {
  MAX_DAYS,
  matchingPick,
  QUICK_PICKS,
  quickRange,
  RESOLUTIONS,
  type ReportRange,
  type Resolution,
  rangeProblem,
} from './report-range.ts';

// The form above the reports: two native date inputs with quick picks, the resolution and the
// area (site, a floor or a zone). A range the API would refuse is explained here and not applied.

export const RESOLUTION_NAME: Record<Resolution, PlannerKey> = { hour: 'hour', day: 'day', week: 'week' };
export const RESOLUTION_PHRASE: Record<Resolution, PlannerKey> = {
  hour: 'byHour',
  day: 'byDay',
  week: 'byWeek',
};

export type RangeControlsOptions = {
  t: PlannerTranslate;
  site: Site;
  today: string;
  range: ReportRange;
  onChange(range: ReportRange): void;
};

/** The area a range covers, in words: "Whole site", a floor's or a zone's name. */
export function scopeName(site: Site, range: ReportRange, t: PlannerTranslate): string {
  if (range.scope === 'floor') return site.floors.find((f) => f.id === range.id)?.name ?? range.id ?? '';
  if (range.scope === 'zone')
    return site.floors.flatMap((f) => f.zones).find((z) => z.id === range.id)?.name ?? range.id ?? '';
  return t('wholeSite');
}

/** The range's scope, if the site has it; else the whole site (a link from an older site model). */
export function knownScope(site: Site, range: ReportRange): ReportRange {
  const known =
    range.scope === 'site' ||
    (range.scope === 'floor' && site.floors.some((f) => f.id === range.id)) ||
    (range.scope === 'zone' && site.floors.some((f) => f.zones.some((z) => z.id === range.id)));
  return known ? range : { ...range, scope: 'site', id: undefined };
}

export function createRangeControls({ t, site, today, range: initial, onChange }: RangeControlsOptions) {
  let range = initial;
  const { element, from, to, picks, resolution, scope, problem } = controlElements(t, site, today);

  function show(next: ReportRange): void {
    from.value = next.from;
    to.value = next.to;
    resolution.value = next.resolution;
    scope.value = next.scope === 'site' ? 'site' : `${next.scope}:${next.id}`;
    const pressed = matchingPick(next, today);
    for (const button of picks) setAttr(button, 'aria-pressed', String(button.dataset.pick === pressed));
  }

  function apply(next: ReportRange): void {
    const why = rangeProblem(next);
    setText(problem, problemText(why, next, t));
    setAttr(from, 'aria-invalid', why === 'order' ? 'true' : undefined);
    setAttr(to, 'aria-invalid', why ? 'true' : undefined);
    setAttr(to, 'aria-describedby', why ? problem.id : undefined);
    if (why) return;
    range = next;
    show(range);
    onChange(range);
  }

  function fromForm(): ReportRange {
    const [kind, id] = scope.value.split(':');
    return {
      from: from.value || range.from,
      to: to.value || range.to,
      resolution: resolution.value as Resolution,
      scope: kind === 'floor' || kind === 'zone' ? kind : 'site',
      id: kind === 'floor' || kind === 'zone' ? id : undefined,
    };
  }

  for (const control of [from, to, resolution, scope])
    control.addEventListener('change', () => apply(fromForm()));
  for (const button of picks)
    button.addEventListener('click', () => {
      const pick = QUICK_PICKS.find((p) => p === button.dataset.pick) ?? 'last4w';
      apply({ ...fromForm(), ...quickRange(pick, today) });
    });
  element.addEventListener('submit', (event) => event.preventDefault());
  show(range);
  return { element };
}

function problemText(why: ReturnType<typeof rangeProblem>, range: ReportRange, t: PlannerTranslate): string {
  if (why === 'order') return t('problemOrder');
  if (why !== 'tooLong') return '';
  const resolution = t(RESOLUTION_NAME[range.resolution]).toLowerCase();
  return t('problemTooLong', { resolution, max: MAX_DAYS[range.resolution] });
}

function controlElements(t: PlannerTranslate, site: Site, today: string) {
  const from = html('input', { type: 'date', id: 'planner-from', name: 'from', max: today, required: true });
  const to = html('input', { type: 'date', id: 'planner-to', name: 'to', max: today, required: true });
  const picks = QUICK_PICKS.map((pick) =>
    html('button', { type: 'button', class: 'chip', 'data-pick': pick, 'aria-pressed': 'false' }, [t(pick)]),
  );
  const resolution = html(
    'select',
    { id: 'planner-resolution', name: 'resolution' },
    RESOLUTIONS.map((r) => html('option', { value: r }, [t(RESOLUTION_NAME[r])])),
  );
  const scope = html('select', { id: 'planner-scope', name: 'scope' }, [
    html('option', { value: 'site' }, [t('wholeSite')]),
    html(
      'optgroup',
      { label: t('floors') },
      site.floors.map((f) => html('option', { value: `floor:${f.id}` }, [f.name])),
    ),
    html(
      'optgroup',
      { label: t('zones') },
      site.floors.flatMap((f) =>
        f.zones.map((z) =>
          html('option', { value: `zone:${z.id}` }, [t('zoneOption', { zone: z.name, floor: f.name })]),
        ),
      ),
    ),
  ]);
  const problem = html('p', { class: 'controls-problem', role: 'alert', id: 'planner-problem' });
  const field = (label: string, control: HTMLElement) =>
    html('div', { class: 'field' }, [html('label', { for: control.id }, [label]), control]);
  const element = html('form', { class: 'planner-controls', 'aria-label': t('controls') }, [
    html('div', { class: 'controls-dates' }, [field(t('from'), from), field(t('to'), to)]),
    html('div', { class: 'controls-picks', role: 'group', 'aria-label': t('quickPicks') }, picks),
    field(t('resolution'), resolution),
    field(t('scope'), scope),
    problem,
  ]);

  return { element, from, to, picks, resolution, scope, problem };
}
