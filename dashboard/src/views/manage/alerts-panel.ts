// Live alerts, newest first: the API's recent list, then each one the stream brings, announced politely.
import type { Alert } from '../../../../protocol/live-view.ts';
import { sitePath } from '../../api-client.ts';
import type { ViewContext } from '../../app/view.ts';
import { html, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import { createAlertFeed, readAlertEvent } from './alert-feed.ts';
import { describeAlert } from './alert-text.ts';
import { errorReason } from './error-reason.ts';
import type { ManageKey } from './messages.ts';
import type { Panel } from './panel.ts';
import { alertListSchema } from './schemas.ts';
import { siteNames } from './site-names.ts';

const GLYPHS: Record<Alert['type'], string> = {
  'over-capacity': '▲',
  'sensor-offline': '⊘',
  'battery-low': '▼',
  'door-drift': '⇄',
  'inside-after-closing': '◐',
};

/**
 * @example const panel = createAlertsPanel(ctx, t); main.append(panel.element); panel.close()
 */
export function createAlertsPanel(ctx: ViewContext, t: Translate<ManageKey>): Panel {
  const names = siteNames(ctx.site);
  const feed = createAlertFeed();
  // Focusable: a long list scrolls inside the panel, and the keyboard must be able to scroll it.
  const list = html('ol', {
    class: 'manage-alerts',
    'data-testid': 'alerts',
    tabindex: 0,
    'aria-labelledby': 'manage-alerts-title',
    hidden: true,
  });
  const status = html('p', { class: 'manage-muted' }, [t('loading')]);
  const announcer = html('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const element = html(
    'section',
    { class: 'manage-panel manage-alerts-panel', 'aria-labelledby': 'manage-alerts-title' },
    [html('h2', { id: 'manage-alerts-title' }, [t('alertsTitle')]), status, list, announcer],
  );

  const item = (alert: Alert) => {
    const text = describeAlert(alert, t, names, ctx.format);
    return html('li', { class: 'manage-alert', 'data-alert-type': alert.type, 'data-alert-id': alert.id }, [
      html('span', { class: 'manage-alert-glyph', 'aria-hidden': 'true' }, [GLYPHS[alert.type]]),
      html('div', {}, [
        html('p', { class: 'manage-alert-head' }, [
          html('strong', {}, [text.kind]),
          html('time', { datetime: new Date(alert.at).toISOString() }, [ctx.format.moment(alert.at)]),
        ]),
        html('p', { class: 'manage-alert-message' }, [text.message]),
      ]),
    ]);
  };
  const draw = () => {
    list.replaceChildren(...feed.list().map(item));
    list.hidden = feed.list().length === 0;
    status.hidden = !list.hidden;
    setText(status, t('noAlerts'));
  };

  // Listen before asking, so nothing raised during the request is missed; the feed drops repeats.
  const stop = ctx.live.onAlert((data) => {
    const alert = readAlertEvent(data);
    if (!alert || alert.site !== ctx.site.id) return;
    const [fresh] = feed.add([alert]);
    if (!fresh) return;
    draw();
    const text = describeAlert(fresh, t, names, ctx.format);
    setText(announcer, t('newAlert', { kind: text.kind, message: text.message }));
  });
  ctx.api
    .get(`${sitePath(ctx.site.id)}/alerts`, alertListSchema)
    .then(({ alerts }) => {
      feed.add(alerts);
      draw();
      element.dataset.state = 'ready';
    })
    .catch((error: unknown) => setText(status, t('loadFailed', { reason: errorReason(error) })));

  return { element, close: stop };
}
