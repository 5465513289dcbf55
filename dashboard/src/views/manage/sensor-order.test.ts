import { describe, expect, it } from 'vitest';
import type { Sensor } from './schemas.ts';
import { hasProblem, nextSort, orderSensors, readSensorSort, writeSensorSort } from './sensor-order.ts';

const sensor = (
  device: string,
  online: boolean,
  battery: number | null,
  lastSeen: number | null,
): Sensor => ({
  device,
  kind: 'desk',
  place: device.slice(3),
  online,
  lastSeen,
  battery,
  rssi: -60,
  fw: '1.0.0',
});

const sensors = [
  sensor('ds-a', true, 80, 5000),
  sensor('ds-b', true, 12, 9000),
  sensor('ds-c', false, 60, 1000),
  sensor('ds-d', true, null, 7000),
  sensor('ds-e', false, null, null),
  sensor('ds-f', true, 45, 3000),
];
const ids = (list: Sensor[]) => list.map((s) => s.device);

describe('orderSensors', () => {
  it('puts offline sensors first and otherwise keeps the site model order', () => {
    expect(ids(orderSensors(sensors, { key: 'place', descending: false }, false))).toEqual([
      'ds-c',
      'ds-e',
      'ds-a',
      'ds-b',
      'ds-d',
      'ds-f',
    ]);
  });

  it('sorts by battery either way, unknown batteries last', () => {
    expect(ids(orderSensors(sensors, { key: 'battery', descending: false }, false))).toEqual([
      'ds-c',
      'ds-e',
      'ds-b',
      'ds-f',
      'ds-a',
      'ds-d',
    ]);
    expect(ids(orderSensors(sensors, { key: 'battery', descending: true }, false))).toEqual([
      'ds-c',
      'ds-e',
      'ds-a',
      'ds-f',
      'ds-b',
      'ds-d',
    ]);
  });

  it('sorts by last heard, longest silent first', () => {
    expect(ids(orderSensors(sensors, { key: 'lastSeen', descending: false }, false))).toEqual([
      'ds-c',
      'ds-e',
      'ds-f',
      'ds-a',
      'ds-d',
      'ds-b',
    ]);
  });

  it('keeps only offline sensors and low batteries when asked for problems', () => {
    expect(ids(orderSensors(sensors, { key: 'place', descending: false }, true))).toEqual([
      'ds-c',
      'ds-e',
      'ds-b',
    ]);
    expect(hasProblem(sensor('x', true, 20, 1))).toBe(false);
    expect(hasProblem(sensor('x', true, 19.5, 1))).toBe(true);
  });
});

describe('the sort in the address', () => {
  it('round-trips and leaves other parameters alone', () => {
    const params = writeSensorSort(new URLSearchParams('problems=1'), { key: 'battery', descending: true });
    expect(params.toString()).toBe('problems=1&sort=battery&desc=1');
    expect(readSensorSort(params)).toEqual({ key: 'battery', descending: true });
    expect(writeSensorSort(params, { key: 'place', descending: false }).toString()).toBe('problems=1');
    expect(readSensorSort(new URLSearchParams('sort=nonsense'))).toEqual({ key: 'place', descending: false });
  });

  it('turns the same column round and starts another ascending', () => {
    expect(nextSort({ key: 'battery', descending: false }, 'battery')).toEqual({
      key: 'battery',
      descending: true,
    });
    expect(nextSort({ key: 'battery', descending: true }, 'lastSeen')).toEqual({
      key: 'lastSeen',
      descending: false,
    });
  });
});
