// An alert in the page's language: the API's own message is English, so it is rebuilt from the fields.
import type { Alert } from '../../../../protocol/live-view.ts';
import type { Translate } from '../../i18n/messages.ts';
import type { TimeFormat } from '../../time-format.ts';
import type { ManageKey } from './messages.ts';
import type { SiteNames } from './site-names.ts';

export type AlertText = { kind: string; message: string };

/**
 * @example describeAlert(alert, t, names, format) // { kind: 'Low battery', message: 'Device ds-a-03: battery at 12%.' }
 */
export function describeAlert(
  alert: Alert,
  t: Translate<ManageKey>,
  names: SiteNames,
  format: TimeFormat,
): AlertText {
  const { value, threshold, subject } = alert;
  const kind = t(`kind.${alert.type}`);
  switch (alert.type) {
    case 'over-capacity':
      return subject.kind === 'zone'
        ? { kind, message: t('alert.zone-capacity', { zone: names.zone(subject.id), value, threshold }) }
        : { kind, message: t('alert.site-capacity', { value, threshold }) };
    case 'sensor-offline':
      return {
        kind,
        // The engine puts the desk's last-heard time in `value`, 0 when never heard.
        message:
          value > 0
            ? t('alert.offline-heard', { desk: names.desk(subject.id), time: format.moment(value) })
            : t('alert.offline-never', { desk: names.desk(subject.id) }),
      };
    case 'battery-low':
      return { kind, message: t('alert.battery', { device: subject.id, value }) };
    case 'door-drift':
      return { kind, message: t('alert.drift', { value: Math.abs(value), threshold }) };
    case 'inside-after-closing':
      return { kind, message: t('alert.after-closing', { value, threshold }) };
  }
}
