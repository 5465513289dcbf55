// The selected desk's details: id (editable only until first saved), label, zone, position, and removal.
// Built once; show() refreshes values and errors without taking focus from the field being typed in.
import type { Desk, Floor } from '../../../../protocol/site-model.ts';
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { DraftIssue } from './draft-issues.ts';
import { formField, typedNumber } from './form-field.ts';
import type { EditMessage } from './messages.ts';
import type { DeskPlace } from './site-draft.ts';

export type DeskPanelHandlers = {
  onChange(desk: Desk, patch: { id?: string; label?: string; x?: number; y?: number }): void;
  onZone(desk: Desk, zoneId: string): void;
  onRemove(desk: Desk): void;
};

export type DeskPanel = {
  element: HTMLElement;
  show(place: DeskPlace | undefined, isNew: boolean, issues: readonly DraftIssue[]): void;
  /** Moves focus to the desk's first editable field. */
  focusFirst(): void;
  focusField(field: string): void;
};

/**
 * @example const panel = createDeskPanel(t, handlers); panel.show(draft.locate(desk), draft.isNew(desk), issues)
 */
export function createDeskPanel(t: Translate<EditMessage>, handlers: DeskPanelHandlers): DeskPanel {
  let current: DeskPlace | undefined;
  const change = (patch: Parameters<DeskPanelHandlers['onChange']>[1]) => {
    if (current) handlers.onChange(current.desk, patch);
  };
  const id = formField({ id: 'edit-desk-id', label: t('id'), onInput: (v) => change({ id: v.trim() }) });
  const label = formField({ id: 'edit-desk-label', label: t('label'), onInput: (v) => change({ label: v }) });
  const number = { type: 'number' as const, attrs: { step: 10, min: 0, inputmode: 'numeric' } };
  const x = formField({
    id: 'edit-desk-x',
    label: t('x'),
    ...number,
    onInput: (v) => change({ x: typedNumber(v) }),
  });
  const y = formField({
    id: 'edit-desk-y',
    label: t('y'),
    ...number,
    onInput: (v) => change({ y: typedNumber(v) }),
  });
  const zone = html('select', { id: 'edit-desk-zone', class: 'edit-input' });
  zone.addEventListener('change', () => current && handlers.onZone(current.desk, zone.value));
  const remove = html('button', { type: 'button', class: 'edit-button edit-button--danger' }, [t('remove')]);
  remove.addEventListener('click', () => current && handlers.onRemove(current.desk));
  const heading = html('h2', { id: 'edit-desk-heading' }, [t('noDesk')]);
  const empty = html('p', { class: 'edit-hint' }, [t('noDesk')]);
  const zoneField = html('div', { class: 'edit-field' }, [
    html('label', { for: 'edit-desk-zone' }, [t('zone')]),
    zone,
  ]);
  const position = html('p', { class: 'edit-hint edit-span' });
  const fields = html('div', { class: 'edit-fields' }, [
    id.element,
    label.element,
    zoneField,
    x.element,
    y.element,
    position,
    html('div', { class: 'edit-span' }, [remove]),
  ]);
  const element = html(
    'section',
    { class: 'edit-card edit-desk-panel', 'aria-labelledby': 'edit-desk-heading' },
    [heading, empty, fields],
  );
  const inputs: Record<string, HTMLElement> = { id: id.input, label: label.input, x: x.input, y: y.input };

  return {
    element,
    show(place, isNew, issues) {
      current = place;
      setAttr(fields, 'hidden', !place);
      setAttr(empty, 'hidden', Boolean(place));
      if (!place) return setText(heading, t('desk', { label: '' }).trim());
      const { desk, floor } = place;
      setText(heading, t('desk', { label: desk.label || desk.id }));
      id.show(desk.id);
      id.input.readOnly = !isNew;
      id.setHint(isNew ? t('idNew') : t('idFixed'));
      label.show(desk.label);
      x.show(desk.x);
      y.show(desk.y);
      setText(position, t('position', { width: floor.width, height: floor.height }));
      fillZones(zone, floor, place.zone.id);
      const error = (field: string) => {
        const issue = issues.find((i) => i.field === field);
        return issue && t(issue.message, issue.params);
      };
      id.setError(error('id'));
      label.setError(error('label'));
      x.setError(error('x'));
      y.setError(error('y'));
    },
    focusFirst() {
      (id.input.readOnly ? label.input : id.input).focus();
    },
    focusField(field) {
      (inputs[field] ?? label.input).focus();
    },
  };
}

function fillZones(select: HTMLSelectElement, floor: Floor, selected: string): void {
  const wanted = floor.zones.map((z) => `${z.id}\u0000${z.name}`).join('\n');
  if (select.dataset.zones !== wanted) {
    select.replaceChildren(...floor.zones.map((z) => html('option', { value: z.id }, [z.name])));
    select.dataset.zones = wanted;
  }
  if (select.value !== selected) select.value = selected;
}
