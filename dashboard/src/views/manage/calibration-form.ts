// The form that sets the headcount by hand. The browser's own checks are off: a count the API refuses
// (negative, fractional, too large) comes back with the API's reason, shown beside the field.
import type { Headcount } from '../../../../protocol/live-view.ts';
import { sitePath } from '../../api-client.ts';
import type { ViewContext } from '../../app/view.ts';
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import { errorReason } from './error-reason.ts';
import type { ManageKey } from './messages.ts';
import { headcountSchema } from './schemas.ts';

/** @example panel.append(createCalibrationForm(ctx, t, (headcount) => show(headcount))) */
export function createCalibrationForm(
  ctx: ViewContext,
  t: Translate<ManageKey>,
  onSaved: (headcount: Headcount) => void,
) {
  const input = html('input', {
    id: 'manage-count',
    name: 'count',
    type: 'number',
    inputmode: 'numeric',
    step: 1,
    required: true,
    'aria-describedby': 'manage-count-message',
    'data-testid': 'calibration-count',
  });
  const note = html('input', {
    id: 'manage-note',
    name: 'note',
    type: 'text',
    maxlength: 200,
    placeholder: t('notePlaceholder'),
    autocomplete: 'off',
  });
  const submit = html('button', { type: 'submit', class: 'manage-button manage-button--primary' }, [
    t('submit'),
  ]);
  const message = html('p', {
    id: 'manage-count-message',
    class: 'manage-form-message',
    'aria-live': 'polite',
    'data-testid': 'calibration-message',
  });
  const form = html('form', { class: 'manage-form', novalidate: true }, [
    html('fieldset', {}, [
      html('legend', {}, [t('setCountLegend')]),
      html('div', { class: 'manage-field' }, [
        html('label', { for: 'manage-count' }, [t('countLabel')]),
        input,
      ]),
      html('div', { class: 'manage-field' }, [html('label', { for: 'manage-note' }, [t('noteLabel')]), note]),
      submit,
      message,
    ]),
  ]);
  const say = (text: string, error: boolean) => {
    setText(message, text);
    setAttr(message, 'data-error', error);
    setAttr(input, 'aria-invalid', error ? 'true' : undefined);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = input.value.trim();
    if (raw === '') {
      say(t('countRequired'), true);
      input.focus();
      return;
    }
    submit.disabled = true;
    say(t('saving'), false);
    try {
      const body = { count: Number(raw), ...(note.value.trim() ? { note: note.value.trim() } : {}) };
      const headcount = await ctx.api.send(
        'POST',
        `${sitePath(ctx.site.id)}/headcount`,
        body,
        headcountSchema,
      );
      say(t('saved', { count: headcount.count }), false);
      input.value = '';
      note.value = '';
      onSaved(headcount);
    } catch (error) {
      say(t('refused', { reason: errorReason(error) }), true);
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
