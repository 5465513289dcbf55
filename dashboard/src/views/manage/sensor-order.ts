// Which sensors the manager sees first: offline ones always lead, then the chosen order.
import type { Sensor } from './schemas.ts';

/** The API's battery-low alert threshold (percent): below it a battery is shown as low. */
export const LOW_BATTERY_PERCENT = 20;

export const SORT_KEYS = ['place', 'battery', 'lastSeen'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SensorSort = { key: SortKey; descending: boolean };

export const isLowBattery = (sensor: Sensor): boolean =>
  sensor.battery !== null && sensor.battery < LOW_BATTERY_PERCENT;

/** Needs a visit: silent, gone, or running out of battery. */
export const hasProblem = (sensor: Sensor): boolean => !sensor.online || isLowBattery(sensor);

const sortValue = (sensor: Sensor, key: SortKey): number | null =>
  key === 'battery' ? sensor.battery : key === 'lastSeen' ? sensor.lastSeen : null;

/**
 * Offline first, then by the key (unknown values last either way); `place` keeps the API's order,
 * which is the site model's.
 * @example orderSensors(sensors, { key: 'battery', descending: false }, true) // problems, emptiest first
 */
export function orderSensors(sensors: readonly Sensor[], sort: SensorSort, onlyProblems: boolean): Sensor[] {
  const ranked = sensors.map((sensor, index) => ({ sensor, index }));
  ranked.sort((a, b) => {
    if (a.sensor.online !== b.sensor.online) return a.sensor.online ? 1 : -1;
    const x = sortValue(a.sensor, sort.key);
    const y = sortValue(b.sensor, sort.key);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return sort.descending ? y - x : x - y;
    }
    return a.index - b.index;
  });
  const ordered = ranked.map((r) => r.sensor);
  return onlyProblems ? ordered.filter(hasProblem) : ordered;
}

/** The sort kept in the address (`?sort=battery&desc=1`), so a link reopens the same list. */
export function readSensorSort(params: URLSearchParams): SensorSort {
  const key = SORT_KEYS.find((k) => k === params.get('sort')) ?? 'place';
  return { key, descending: params.get('desc') === '1' };
}

export function writeSensorSort(params: URLSearchParams, sort: SensorSort): URLSearchParams {
  const next = new URLSearchParams(params);
  if (sort.key === 'place') next.delete('sort');
  else next.set('sort', sort.key);
  if (sort.descending) next.set('desc', '1');
  else next.delete('desc');
  return next;
}

/** A second press on the sorted column turns it round; another column starts ascending. */
export const nextSort = (current: SensorSort, key: SortKey): SensorSort =>
  current.key === key ? { key, descending: !current.descending } : { key, descending: false };
