import type { DeviceStatusPayload, SiteIndex } from '../../protocol/index.ts';
import type { DeviceStatusRecord } from '../../store/records.ts';
import type { Handled } from './handled.ts';

// Any device of a known site may report its status: a spare sensor on the shelf is still worth watching.
export function handleDeviceStatus(
  index: SiteIndex,
  device: string,
  payload: DeviceStatusPayload,
  ts: number,
): Handled<DeviceStatusRecord> {
  return {
    ok: true,
    record: {
      site: index.site.id,
      device,
      ts,
      online: payload.online,
      battery: payload.battery ?? null,
      rssi: payload.rssi ?? null,
      fw: payload.fw ?? null,
    },
  };
}
