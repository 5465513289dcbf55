// Save and "undo changes", the unsaved-changes indicator, and the outcome of the last save.
// The outcome is a live region: screen readers hear "saved" or the server's reason without moving focus.
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { EditMessage } from './messages.ts';

export type EditToolbar = {
  element: HTMLElement;
  setState(state: { dirty: boolean; saving: boolean }): void;
  /** The outcome of the last action; an error is announced assertively. */
  say(text: string, tone: 'done' | 'error'): void;
  clear(): void;
};

/**
 * @example const bar = createEditToolbar(t, { onSave, onUndo }); bar.setState({ dirty: true, saving: false })
 */
export function createEditToolbar(
  t: Translate<EditMessage>,
  handlers: { onSave(): void; onUndo(): void },
): EditToolbar {
  const status = html('p', { class: 'edit-status', 'data-testid': 'edit-status' }, [t('clean')]);
  const save = html(
    'button',
    { type: 'button', class: 'edit-button edit-button--primary', 'data-action': 'save' },
    [t('save')],
  );
  const undo = html('button', { type: 'button', class: 'edit-button', 'data-action': 'undo' }, [t('undo')]);
  save.addEventListener('click', handlers.onSave);
  undo.addEventListener('click', handlers.onUndo);
  const outcome = html('p', { class: 'edit-outcome', 'data-testid': 'edit-outcome', role: 'status' });
  const element = html('div', { class: 'edit-toolbar' }, [
    html('div', { class: 'edit-toolbar-row' }, [
      status,
      html('div', { class: 'edit-actions' }, [undo, save]),
    ]),
    outcome,
  ]);
  return {
    element,
    setState({ dirty, saving }) {
      setText(status, saving ? t('saving') : dirty ? t('dirty') : t('clean'));
      setAttr(status, 'data-dirty', dirty);
      setAttr(undo, 'disabled', !dirty || saving);
      setAttr(save, 'aria-disabled', saving ? 'true' : undefined);
    },
    say(text, tone) {
      setAttr(outcome, 'role', tone === 'error' ? 'alert' : 'status');
      setAttr(outcome, 'data-tone', tone);
      setText(outcome, text);
    },
    clear() {
      setText(outcome, '');
      setAttr(outcome, 'data-tone', undefined);
    },
  };
}
