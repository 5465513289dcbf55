// Every headcount calibration recorded for the site, newest first, with who set it and why.
import { sitePath } from '../../api-client.ts';
import type { ViewContext } from '../../app/view.ts';
import { html, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import { errorReason } from './error-reason.ts';
import type { ManageKey } from './messages.ts';
import { type Calibration, calibrationListSchema } from './schemas.ts';

const SHOWN = 20;

/** @example const history = createCalibrationHistory(ctx, t); side.append(history.element); await history.load() */
export function createCalibrationHistory(ctx: ViewContext, t: Translate<ManageKey>) {
  const rows = html('tbody');
  const status = html('p', { class: 'manage-muted' }, [t('loading')]);
  const table = html('table', { class: 'manage-table', 'data-testid': 'calibrations' }, [
    html('caption', { class: 'visually-hidden' }, [t('historyTitle')]),
    html('thead', {}, [
      html(
        'tr',
        {},
        [t('colTime'), t('colCount'), t('colNote'), t('colBy')].map((h) => html('th', { scope: 'col' }, [h])),
      ),
    ]),
    rows,
  ]);
  const scroller = html(
    'div',
    {
      class: 'manage-scroll',
      tabindex: 0,
      role: 'region',
      'aria-labelledby': 'manage-history-title',
      hidden: true,
    },
    [table],
  );
  const element = html('div', { class: 'manage-history' }, [
    html('h3', { id: 'manage-history-title' }, [t('historyTitle')]),
    status,
    scroller,
  ]);
  const numbers = new Intl.NumberFormat(ctx.lang);
  const row = (c: Calibration) =>
    html('tr', {}, [
      html('td', {}, [html('time', { datetime: new Date(c.at).toISOString() }, [ctx.format.moment(c.at)])]),
      html('td', { 'data-count': c.count }, [numbers.format(c.count)]),
      html('td', {}, [c.note || t('unknownValue')]),
      html('td', {}, [c.by ?? t('unknownValue')]),
    ]);

  return {
    element,
    async load(): Promise<void> {
      try {
        const { calibrations } = await ctx.api.get(
          `${sitePath(ctx.site.id)}/calibrations`,
          calibrationListSchema,
        );
        const newest = calibrations.slice(-SHOWN).reverse();
        rows.replaceChildren(...newest.map(row));
        scroller.hidden = newest.length === 0;
        status.hidden = newest.length > 0;
        setText(status, t('historyEmpty'));
      } catch (error) {
        status.hidden = false;
        setText(status, t('loadFailed', { reason: errorReason(error) }));
      }
    },
  };
}
