// Every problem in the model, each a button that takes the user to the field to fix: errors can sit on
// a desk of another floor or a zone not in view, where the message beside the field would go unseen.
import { html, setAttr, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { DraftIssue } from './draft-issues.ts';
import type { EditMessage } from './messages.ts';

export type IssueList = {
  element: HTMLElement;
  show(issues: readonly DraftIssue[], zoneName: (zoneId: string) => string): void;
  focus(): void;
};

export function createIssueList(t: Translate<EditMessage>, onPick: (issue: DraftIssue) => void): IssueList {
  const heading = html('h2', { id: 'edit-issues-heading', tabindex: -1 });
  const list = html('ul');
  const element = html('section', { class: 'edit-issues', 'aria-labelledby': heading.id, hidden: true }, [
    heading,
    list,
  ]);
  const where = (issue: DraftIssue, zoneName: (zoneId: string) => string) => {
    if (issue.kind === 'desk') return t('whereDesk', { label: issue.desk.label || issue.desk.id });
    if (issue.kind === 'zone') return t('whereZone', { name: zoneName(issue.zoneId) });
    return issue.field === 'capacity' ? t('whereSite') : `${t('whereSite')} (${issue.field})`;
  };
  return {
    element,
    show(issues, zoneName) {
      setAttr(element, 'hidden', issues.length === 0);
      setText(heading, t('invalid', { count: issues.length }));
      list.replaceChildren(
        ...issues.map((issue) => {
          const button = html('button', { type: 'button', class: 'edit-link' }, [
            `${where(issue, zoneName)}: ${t(issue.message, issue.params)}`,
          ]);
          button.addEventListener('click', () => onPick(issue));
          return html('li', {}, [button]);
        }),
      );
    },
    focus() {
      heading.focus();
    },
  };
}
