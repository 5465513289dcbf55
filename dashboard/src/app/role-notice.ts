import { html } from '../dom.ts';
import type { View } from './view.ts';

/** What a view shows a viewer without the role it needs: why, and a button to the shell's token dialog. */
export function roleNotice(options: {
  title: string;
  body: string;
  button: string;
  askForToken: () => void;
  testId: string;
  className?: string;
}): View {
  const button = html('button', { type: 'button', class: 'button button--primary' }, [options.button]);
  button.addEventListener('click', options.askForToken);
  return {
    element: html(
      'main',
      {
        id: 'main',
        class: `view message ${options.className ?? ''}`.trim(),
        tabindex: -1,
        'data-testid': options.testId,
      },
      [html('h1', {}, [options.title]), html('p', {}, [options.body]), html('p', {}, [button])],
    ),
    close() {},
  };
}
