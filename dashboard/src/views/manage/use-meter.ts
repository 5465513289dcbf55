// A labelled bar with its figure in words: the bar is for the eye, the text and ARIA value for everyone.
import { html, setAttr, setText } from '../../dom.ts';
import type { Use } from './occupancy.ts';

export type UseMeter = { element: HTMLElement; update(use: Use, text: string, note?: string): void };

/**
 * Over capacity shows a word and a striped bar, not only a different colour.
 * @example const m = createUseMeter('people-inside', 'People inside', 'Over capacity'); m.update(use(12, 48), '12 of 48 people (25%)')
 */
export function createUseMeter(id: string, label: string, overText: string): UseMeter {
  const labelId = `${id}-label`;
  const fill = html('span', { class: 'use-meter-fill' });
  const bar = html(
    'div',
    {
      class: 'use-meter-bar',
      role: 'meter',
      'aria-labelledby': labelId,
      'aria-valuemin': 0,
      'aria-valuemax': 100,
    },
    [fill],
  );
  const text = html('p', { class: 'use-meter-text', 'data-testid': id });
  const over = html('strong', { class: 'use-meter-over', hidden: true }, [`⚠ ${overText}`]);
  const note = html('p', { class: 'use-meter-note', hidden: true });
  const element = html('div', { class: 'use-meter' }, [
    html('div', { class: 'use-meter-head' }, [
      html('span', { class: 'use-meter-label', id: labelId }, [label]),
      over,
    ]),
    bar,
    text,
    note,
  ]);
  return {
    element,
    update(use, words, noteText) {
      const percent = Math.round(use.share * 100);
      // ARIA wants the value inside its range; the words carry the real figure past 100 %.
      setAttr(bar, 'aria-valuenow', Math.min(100, percent));
      setAttr(bar, 'aria-valuetext', words);
      fill.style.setProperty('width', `${Math.min(100, percent)}%`);
      setText(text, words);
      setAttr(element, 'data-over', use.over);
      over.hidden = !use.over;
      note.hidden = !noteText;
      setText(note, noteText ?? '');
    },
  };
}
