import { deskSensorId, deviceStatusTopic, doorCounterId, type Site } from '../protocol/index.ts';

/** One piece of hardware the simulator plays: a desk's occupancy sensor or a door's people counter. */
export type SimDevice = {
  /** Device id from the site model; also its MQTT client id, as on real hardware. */
  id: string;
  site: string;
  kind: 'desk' | 'door';
  /** The desk or door it reports for. */
  target: string;
};

/** The last will a device leaves with the broker: retained, so anyone subscribing later sees it went away. */
export const OFFLINE_PAYLOAD = JSON.stringify({ online: false });

/**
 * The devices of a site in plan order, named by desk.sensor / door.counter, else `ds-{desk}` / `dc-{door}`.
 * @example siteDevices(site).map((d) => d.id) // ['ds-a-01', …, 'dc-main', 'dc-garden']
 */
export function siteDevices(site: Site): SimDevice[] {
  const devices: SimDevice[] = [];
  for (const floor of site.floors) {
    for (const zone of floor.zones) {
      for (const desk of zone.desks) {
        devices.push({
          id: deskSensorId(desk),
          site: site.id,
          kind: 'desk',
          target: desk.id,
        });
      }
    }
  }
  for (const floor of site.floors) {
    for (const door of floor.doors) {
      devices.push({
        id: doorCounterId(door),
        site: site.id,
        kind: 'door',
        target: door.id,
      });
    }
  }
  return devices;
}

export function willOf(device: SimDevice): { topic: string; payload: string } {
  return { topic: deviceStatusTopic(device.site, device.id), payload: OFFLINE_PAYLOAD };
}

// Ids are at most 64 characters; a prefixed long desk id must still be a valid id.
