// The manager's site editor (`#/edit`): place desks on each floor plan by dragging or with the keyboard,
// edit labels, zones and capacity, and save the whole site model through PUT /api/sites/{site}.

import { ApiError } from '../../api-client.ts';
import { roleNotice } from '../../app/role-notice.ts';
import type { ViewFactory } from '../../app/view.ts';
import { html } from '../../dom.ts';
import { translator } from '../../i18n/messages.ts';
import { editMessages } from './messages.ts';
import { createSiteEditor } from './site-editor.ts';

/**
 * Managers only: anyone else gets a page saying how to enter a manager token.
 * @example router.register('edit', createEditView)
 */
export const createEditView: ViewFactory = async (ctx) => {
  const t = translator(editMessages, ctx.lang);
  const notice = (title: string, text: string) => ({
    element: html('main', { id: 'main', class: 'view message', tabindex: -1, 'data-testid': 'edit-notice' }, [
      html('h1', {}, [title]),
      html('p', {}, [text]),
    ]),
    close() {},
  });
  if (ctx.role !== 'manager') {
    const [title, body, button] = [t('needManagerTitle'), t('needManager'), t('openToken')];
    return roleNotice({ title, body, button, askForToken: ctx.askForToken, testId: 'edit-notice' });
  }
  try {
    // Read again with the manager's token: the model must carry the device ids, or saving would drop them.
    const site = await ctx.api.getSite(ctx.site.id);
    return createSiteEditor({
      site,
      api: ctx.api,
      t,
      format: ctx.format,
      now: ctx.now,
      params: ctx.params,
      setParams: ctx.setParams,
      storage: sessionStorage,
      window,
    });
  } catch (error) {
    const reason = error instanceof ApiError ? (error.reason ?? error.message) : String(error);
    return notice(t('title'), t('loadFailed', { reason }));
  }
};
