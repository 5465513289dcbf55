// One table row per device: where it is, whether it is heard, how long ago, its battery and radio.
import { html } from '../../dom.ts';
import type { Lang, Translate } from '../../i18n/messages.ts';
import type { TimeFormat } from '../../time-format.ts';
import type { ManageKey } from './messages.ts';
import { relativeTime } from './relative-time.ts';
import type { Sensor } from './schemas.ts';
import { hasProblem, isLowBattery } from './sensor-order.ts';
import type { SiteNames } from './site-names.ts';

export type RowContext = {
  t: Translate<ManageKey>;
  lang: Lang;
  format: TimeFormat;
  names: SiteNames;
  now: number;
};

/** @example tbody.replaceChildren(...sensors.map((s) => sensorRow(s, rowContext))) */
export function sensorRow(sensor: Sensor, c: RowContext): HTMLTableRowElement {
  const { t } = c;
  const dash = t('unknownValue');
  // Explicit roles: on a phone the rows are laid out as cards, and CSS display would drop table semantics.
  const cell = (name: string, label: string, content: Node | string, extra: Record<string, string> = {}) =>
    html('td', { role: 'cell', class: `c-${name}`, 'data-label': label, ...extra }, [content]);
  return html(
    'tr',
    {
      role: 'row',
      'data-device': sensor.device,
      'data-online': String(sensor.online),
      'data-problem': hasProblem(sensor),
    },
    [
      html('th', { scope: 'row', role: 'rowheader', class: 'c-device' }, [sensor.device]),
      cell('place', t('colPlace'), place(sensor, c)),
      cell(
        'status',
        t('colStatus'),
        html('span', { class: `manage-state manage-state--${sensor.online ? 'online' : 'offline'}` }, [
          html('span', { 'aria-hidden': 'true' }, [sensor.online ? '● ' : '⊘ ']),
          sensor.online ? t('online') : t('offline'),
        ]),
      ),
      cell('heard', t('colLastHeard'), lastHeard(sensor, c)),
      cell('battery', t('colBattery'), battery(sensor, c), { 'data-battery': String(sensor.battery ?? '') }),
      cell(
        'signal',
        t('colSignal'),
        sensor.rssi === null ? dash : `${new Intl.NumberFormat(c.lang).format(sensor.rssi)} dBm`,
      ),
      cell('fw', t('colFirmware'), sensor.fw ?? dash),
    ],
  );
}

function place(sensor: Sensor, { t, names }: RowContext): string {
  if (sensor.place === null) return t('placeNone');
  return sensor.kind === 'door'
    ? t('placeDoor', { label: names.door(sensor.place) })
    : t('placeDesk', { label: names.desk(sensor.place) });
}

function lastHeard(sensor: Sensor, { t, lang, format, now }: RowContext): HTMLElement | string {
  if (sensor.lastSeen === null) return t('never');
  return html('time', { datetime: new Date(sensor.lastSeen).toISOString(), class: 'manage-heard' }, [
    html('span', {}, [relativeTime(sensor.lastSeen, now, lang)]),
    html('span', { class: 'manage-muted' }, [format.moment(sensor.lastSeen)]),
  ]);
}

function battery(sensor: Sensor, { t, lang }: RowContext): HTMLElement | string {
  if (sensor.battery === null) return t('unknownValue');
  const value = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(
    sensor.battery / 100,
  );
  if (!isLowBattery(sensor)) return value;
  return html('strong', { class: 'manage-battery-low' }, [
    html('span', { 'aria-hidden': 'true' }, ['⚠ ']),
    `${value} · ${t('batteryLow')}`,
  ]);
}
