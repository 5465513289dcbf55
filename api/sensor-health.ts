import { deskSensorId, doorCounterId, type Message, type Site } from '../protocol/index.ts';
import type { SensorHealth } from './schemas/sensor-health.ts';

type Heard = {
  lastSeen: number | undefined;
  willReceived: boolean;
  battery: number | null;
  rssi: number | null;
  fw: string | null;
};

/**
 * What managers need to keep sensors running: every device of a site, when it was last heard (its
 * status heartbeat, or a report for its desk or door), its battery, signal and firmware, and which
 * are offline — silent longer than the offline window, or their last will arrived.
 */
export function createSensorHealth(offlineAfterMs: number) {
  const heard = new Map<string, Heard>();
  // A desk or door report is heard from the device that reports for it now.
  const reporters = new Map<string, string>();
  const key = (site: string, device: string) => `${site}/${device}`;
  const entry = (site: string, device: string) => {
    let value = heard.get(key(site, device));
    if (!value) {
      value = { lastSeen: undefined, willReceived: false, battery: null, rssi: null, fw: null };
      heard.set(key(site, device), value);
    }
    return value;
  };
  const devicesOf = (site: Site) =>
    site.floors.flatMap((floor) => [
      ...floor.zones.flatMap((zone) =>
        zone.desks.map((desk) => ({
          device: deskSensorId(desk),
          kind: 'desk' as const,
          place: desk.id,
        })),
      ),
      ...floor.doors.map((door) => ({
        device: doorCounterId(door),
        kind: 'door' as const,
        place: door.id,
      })),
    ]);

  return {
    learn(site: Site): void {
      for (const d of devicesOf(site)) reporters.set(`${site.id}/${d.kind}/${d.place}`, d.device);
    },
    apply(message: Message, heardAt: number): void {
      const ts = Math.min(message.payload.ts ?? heardAt, heardAt);
      const device =
        message.kind === 'device-status'
          ? message.device
          : reporters.get(
              `${message.site}/${message.kind === 'desk-state' ? 'desk' : 'door'}/${message.kind === 'desk-state' ? message.desk : message.door}`,
            );
      if (!device) return;
      const value = entry(message.site, device);
      if (message.kind === 'device-status' && !message.payload.online) {
        value.willReceived = true;
        return;
      }
      value.willReceived = false;
      value.lastSeen = Math.max(value.lastSeen ?? 0, ts);
      if (message.kind === 'device-status') {
        value.battery = message.payload.battery ?? value.battery;
        value.rssi = message.payload.rssi ?? value.rssi;
        value.fw = message.payload.fw ?? value.fw;
      }
    },
    view(site: Site, now: number): SensorHealth {
      const known = devicesOf(site);
      const modelled = new Set(known.map((d) => d.device));
      const spares = [...heard.keys()]
        .filter((k) => k.startsWith(`${site.id}/`) && !modelled.has(k.slice(site.id.length + 1)))
        .map((k) => ({ device: k.slice(site.id.length + 1), kind: 'device' as const, place: null }));
      const sensors = [...known, ...spares].map((d) => {
        const value = heard.get(key(site.id, d.device));
        const lastSeen = value?.lastSeen ?? null;
        const online =
          !!value && !value.willReceived && lastSeen !== null && now - lastSeen <= offlineAfterMs;
        return {
          ...d,
          online,
          lastSeen,
          battery: value?.battery ?? null,
          rssi: value?.rssi ?? null,
          fw: value?.fw ?? null,
        };
      });
      return {
        site: site.id,
        at: now,
        sensors,
        offline: sensors.filter((s) => !s.online).map((s) => s.device),
      };
    },
  };
}

export type SensorHealthState = ReturnType<typeof createSensorHealth>;
