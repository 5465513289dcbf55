// One labelled input with its hint and its error beside it, wired for screen readers (aria-describedby,
// aria-invalid). Values are written only when the user is not typing in it, so focus and caret stay put.
import { html, setAttr, setText } from '../../dom.ts';

export type FormField = {
  element: HTMLElement;
  input: HTMLInputElement;
  /** Shows `value` unless the user is typing in the field. */
  show(value: string | number): void;
  setError(message: string | undefined): void;
  setHint(text: string): void;
};

export type FormFieldOptions = {
  id: string;
  label: string;
  type?: 'text' | 'number';
  hint?: string;
  /** Called on every keystroke with the raw value. */
  onInput(value: string): void;
  attrs?: Record<string, string | number | boolean | undefined>;
};

/**
 * @example const label = formField({ id: 'desk-label', label: t('label'), onInput: (v) => draft.setDesk(desk, { label: v }) })
 */
export function formField({
  id,
  label,
  type = 'text',
  hint,
  onInput,
  attrs = {},
}: FormFieldOptions): FormField {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const input = html('input', { id, name: id, type, autocomplete: 'off', class: 'edit-input', ...attrs });
  input.setAttribute('aria-describedby', `${hintId} ${errorId}`);
  const hintEl = html('p', { id: hintId, class: 'edit-hint' }, [hint ?? '']);
  const errorEl = html('p', { id: errorId, class: 'edit-error', 'data-field-error': id });
  // What the model holds; a typed value the model changed (clamped, trimmed) is put right on leaving.
  let shown = '';
  input.addEventListener('input', () => onInput(input.value));
  input.addEventListener('blur', () => {
    if (input.value !== shown) input.value = shown;
  });
  const element = html('div', { class: 'edit-field' }, [
    html('label', { for: id }, [label]),
    input,
    hintEl,
    errorEl,
  ]);
  return {
    element,
    input,
    show(value) {
      shown = Number.isNaN(value) ? '' : String(value);
      if (document.activeElement !== input && input.value !== shown) input.value = shown;
    },
    setError(message) {
      setText(errorEl, message ?? '');
      setAttr(input, 'aria-invalid', message ? 'true' : undefined);
      setAttr(element, 'data-invalid', Boolean(message));
    },
    setHint(text) {
      setText(hintEl, text);
    },
  };
}

/** A number typed in a field: NaN for an empty one, so the schema names the problem. */
export function typedNumber(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}
