// Sensor health: every device, offline first, sortable by battery or last heard, "only problems" on
// demand; read again every 30 seconds and as soon as the live feed sees a desk go offline.
import { sitePath } from '../../api-client.ts';
import type { ViewContext } from '../../app/view.ts';
import { html, setText } from '../../dom.ts';
import type { Translate } from '../../i18n/messages.ts';
import { errorReason } from './error-reason.ts';
import type { ManageKey } from './messages.ts';
import { createOfflineWatch } from './offline-watch.ts';
import type { Panel } from './panel.ts';
import { type SensorHealth, sensorHealthSchema } from './schemas.ts';
import { isLowBattery, nextSort, orderSensors, readSensorSort, writeSensorSort } from './sensor-order.ts';
import { createSensorTable } from './sensor-table.ts';
import { singleFlight } from './single-flight.ts';
import { siteNames } from './site-names.ts';

export const SENSOR_REFRESH_MS = 30_000;

/**
 * @example const panel = createSensorsPanel(ctx, t); main.append(panel.element); panel.close()
 */
export function createSensorsPanel(ctx: ViewContext, t: Translate<ManageKey>): Panel {
  const names = siteNames(ctx.site);
  let params = new URLSearchParams(ctx.params);
  let sort = readSensorSort(params);
  let health: SensorHealth | undefined;

  const summary = html('p', { class: 'manage-sensors-summary', 'data-testid': 'sensors-summary' });
  const updated = html('p', { class: 'manage-muted' }, [t('loading')]);
  const head = panelHead(t, params.get('problems') === '1');
  const { problems, refreshButton } = head;
  const empty = html('p', { class: 'manage-muted', hidden: true });
  const table = createSensorTable(t, (key) => setSort(nextSort(sort, key)));
  const element = html(
    'section',
    { class: 'manage-panel manage-sensors-panel', 'aria-labelledby': 'manage-sensors-title' },
    [head.element, summary, updated, table.element, empty],
  );

  const draw = () => {
    table.markSort(sort);
    if (!health) return;
    const all = health.sensors;
    setText(
      summary,
      t('sensorsSummary', {
        total: all.length,
        offline: health.offline.length,
        low: all.filter(isLowBattery).length,
      }),
    );
    setText(updated, t('sensorsUpdated', { time: ctx.format.clock(health.at) }));
    const shown = orderSensors(all, sort, problems.checked);
    const rowContext = { t, lang: ctx.lang, format: ctx.format, names, now: ctx.now() };
    table.show(shown, rowContext);
    empty.hidden = shown.length > 0;
    setText(empty, all.length === 0 ? t('noSensors') : t('noProblems'));
  };
  const setSort = (next: typeof sort) => {
    sort = next;
    params = writeSensorSort(params, sort);
    ctx.setParams(params);
    draw();
  };
  problems.addEventListener('change', () => {
    params = new URLSearchParams(params);
    if (problems.checked) params.set('problems', '1');
    else params.delete('problems');
    ctx.setParams(params);
    draw();
  });

  const load = singleFlight(async () => {
    try {
      health = await ctx.api.get(`${sitePath(ctx.site.id)}/sensors`, sensorHealthSchema);
      draw();
    } catch (error) {
      setText(updated, t('loadFailed', { reason: errorReason(error) }));
    }
  });
  refreshButton.addEventListener('click', () => void load());
  const timer = setInterval(() => void load(), SENSOR_REFRESH_MS);
  const wentOffline = createOfflineWatch();
  const stopWatching = ctx.live.subscribe((live) => {
    if (wentOffline(live)) void load();
  });
  draw();
  void load();

  return {
    element,
    close() {
      clearInterval(timer);
      stopWatching();
    },
  };
}

function panelHead(t: Translate<ManageKey>, onlyProblems: boolean) {
  const problems = html('input', {
    type: 'checkbox',
    id: 'manage-only-problems',
    'data-testid': 'only-problems',
  });
  problems.checked = onlyProblems;
  const refreshButton = html('button', { type: 'button', class: 'manage-button' }, [t('refresh')]);
  const element = html('div', { class: 'manage-panel-head' }, [
    html('h2', { id: 'manage-sensors-title' }, [t('sensorsTitle')]),
    html('div', { class: 'manage-controls' }, [
      html('label', { class: 'manage-check', for: 'manage-only-problems' }, [problems, t('onlyProblems')]),
      refreshButton,
    ]),
  ]);
  return { element, problems, refreshButton };
}
