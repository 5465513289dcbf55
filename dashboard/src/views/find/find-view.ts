// Placeholder until the find view is built: the shell routes to it already.
import type { ViewFactory } from '../../app/view.ts';
import { html } from '../../dom.ts';

export const createFindView: ViewFactory = () => ({
  element: html('main', { id: 'main', class: 'view' }, [html('h1', {}, ['Find'])]),
  close() {},
});
