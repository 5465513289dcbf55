// The door headcount and its calibration: what the doors say now, a form to set the count by hand
// (the API's reason shown when it refuses), and every calibration recorded.
import type { Headcount, LiveSite } from '../../../../protocol/live-view.ts';
import type { ViewContext } from '../../app/view.ts';
import { html, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import { createCalibrationForm } from './calibration-form.ts';
import { createCalibrationHistory } from './calibration-history.ts';
import type { ManageKey } from './messages.ts';
import type { Panel } from './panel.ts';

/**
 * @example const panel = createCalibrationPanel(ctx, t); main.append(panel.element); panel.close()
 */
export function createCalibrationPanel(ctx: ViewContext, t: Translate<ManageKey>): Panel {
  const count = html('p', { class: 'manage-big', 'data-testid': 'door-headcount' }, [t('unknownValue')]);
  const since = html('p', { class: 'manage-muted' });
  const calibrated = html('p', { 'data-testid': 'calibration-state' });
  const history = createCalibrationHistory(ctx, t);
  const form = createCalibrationForm(ctx, t, (headcount) => {
    show(headcount);
    void history.load();
  });
  const element = html(
    'section',
    { class: 'manage-panel manage-calibration', 'aria-labelledby': 'manage-calibration-title' },
    [
      html('h2', { id: 'manage-calibration-title' }, [t('calibrationTitle')]),
      html('div', { class: 'manage-calibration-grid' }, [
        html('div', {}, [html('h3', {}, [t('headcountNow')]), count, since, calibrated, form]),
        history.element,
      ]),
    ],
  );

  function show(headcount: Headcount) {
    setText(count, new Intl.NumberFormat(ctx.lang).format(headcount.count));
    setText(
      since,
      t('countedSince', { time: ctx.format.moment(headcount.since), in: headcount.in, out: headcount.out }),
    );
    const { calibration } = headcount;
    setText(
      calibrated,
      calibration
        ? t('calibratedAt', { count: calibration.count, time: ctx.format.moment(calibration.at) })
        : t('notCalibrated'),
    );
  }

  void history.load();
  return { element, close: ctx.live.subscribe((live: LiveSite) => show(live.headcount)) };
}
