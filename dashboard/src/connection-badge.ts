// The small live / reconnecting indicator; a polite live region so screen readers hear changes.
import { html, setAttr, setText } from './dom.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';

/** The words for each state, in the page's language (the shell's messages). */
export type ConnectionLabels = Readonly<Record<ConnectionStatus, string>>;

export type ConnectionBadge = { element: HTMLElement; set(status: ConnectionStatus): void };

export function createConnectionBadge(labels: ConnectionLabels): ConnectionBadge {
  const text = html('span', { class: 'connection-text' });
  const element = html('p', { class: 'connection', role: 'status', 'data-testid': 'connection' }, [
    html('span', { class: 'connection-dot', 'aria-hidden': 'true' }),
    text,
  ]);
  const set = (status: ConnectionStatus) => {
    setAttr(element, 'data-status', status);
    setText(text, labels[status]);
  };
  set('connecting');
  return { element, set };
}
