// Token entry: a modal dialog (native <dialog>: focus trapped, Escape closes) where a planner or manager
// pastes their token. It is checked against /api/session before it is kept, in this browser only.
import { z } from 'zod';
import { ApiError, createApiClient } from '../api-client.ts';
import { html, setText } from '../dom.ts';
import type { Translate } from '../i18n/messages.ts';
import type { shellMessages } from './shell-messages.ts';
import type { Role } from './view.ts';

export const TOKEN_KEY = 'prossima-token';

export const sessionSchema = z.object({
  role: z.enum(['member', 'planner', 'manager']).nullable(),
  memberAccess: z.enum(['open', 'token']),
});
export type Session = z.infer<typeof sessionSchema>;

type ShellKey = keyof (typeof shellMessages)['en'];

/** Asks the API who a token is; a 401 means unknown or revoked. */
export async function readSession(token: string | undefined, baseUrl = ''): Promise<Session | 'bad-token'> {
  const api = createApiClient({ baseUrl, token: () => token });
  try {
    return await api.get('/api/session', sessionSchema);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return 'bad-token';
    throw error;
  }
}

export function createTokenDialog(options: {
  t: Translate<ShellKey>;
  current: string | undefined;
  onChange: (token: string | undefined, role: Role | null) => void;
}) {
  const { t } = options;
  const input = html('input', {
    id: 'token-input',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    value: options.current ?? '',
    'aria-describedby': 'token-status',
  });
  const status = html('p', { id: 'token-status', class: 'token-status', role: 'status' });
  const form = html('form', { method: 'dialog', class: 'token-form' }, [
    html('h2', { id: 'token-title' }, [t('token.title')]),
    html('p', { class: 'token-intro' }, [t('token.intro')]),
    html('label', { for: 'token-input' }, [t('token.label')]),
    input,
    status,
    html('div', { class: 'token-actions' }, [
      html('button', { type: 'submit', class: 'button button--primary', value: 'save' }, [t('token.save')]),
      html('button', { type: 'button', class: 'button', 'data-action': 'forget' }, [t('token.forget')]),
      html('button', { type: 'button', class: 'button', 'data-action': 'close' }, [t('token.cancel')]),
    ]),
  ]);
  const dialog = html('dialog', { class: 'token-dialog', 'aria-labelledby': 'token-title' }, [form]);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim() || undefined;
    setText(status, t('token.checking'));
    const session = await readSession(token).catch((error: Error) => error);
    if (session instanceof Error) return setText(status, session.message);
    if (session === 'bad-token') return setText(status, t('token.bad'));
    dialog.close();
    options.onChange(token, session.role);
  });
  form.querySelector('[data-action=forget]')?.addEventListener('click', () => {
    input.value = '';
    dialog.close();
    options.onChange(undefined, null);
  });
  form.querySelector('[data-action=close]')?.addEventListener('click', () => dialog.close());
  return {
    element: dialog,
    open(message?: string) {
      setText(status, message ?? '');
      dialog.showModal();
      input.focus();
    },
  };
}
