// Placeholder until the edit view is built: the shell routes to it already.
import type { ViewFactory } from '../../app/view.ts';
import { html } from '../../dom.ts';

export const createEditView: ViewFactory = () => ({
  element: html('main', { id: 'main', class: 'view' }, [html('h1', {}, ['Edit'])]),
  close() {},
});
