// Placeholder until the manage view is built: the shell routes to it already.
import type { ViewFactory } from '../../app/view.ts';
import { html } from '../../dom.ts';

export const createManageView: ViewFactory = () => ({
  element: html('main', { id: 'main', class: 'view' }, [html('h1', {}, ['Manage'])]),
  close() {},
});
