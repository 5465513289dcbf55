import { describe, expect, it } from 'vitest';
import { type Identity, mayPublish, maySubscribe, placesOf } from './acl.ts';

const device: Identity = {
  kind: 'publisher',
  id: 'ds-a-01',
  places: placesOf('demo', ['a-01'], ['main'], false),
};
const gateway: Identity = { kind: 'publisher', id: 'gw-1', places: placesOf('demo', [], [], true) };
const reader: Identity = { kind: 'reader', id: 'ingest' };
const anonymous: Identity = { kind: 'anonymous' };

describe('publish rules', () => {
  it('lets a device publish its desks, doors and own status, and nothing else', () => {
    expect(mayPublish(device, 'prossima/v1/demo/desk/a-01/state')).toBeUndefined();
    expect(mayPublish(device, 'prossima/v1/demo/door/main/count')).toBeUndefined();
    expect(mayPublish(device, 'prossima/v1/demo/device/ds-a-01/status')).toBeUndefined();
    expect(mayPublish(device, 'prossima/v1/demo/desk/a-02/state')).toBe('desk a-02 is not bound to ds-a-01');
    expect(mayPublish(device, 'prossima/v1/demo/door/garden/count')).toBe(
      'door garden is not bound to ds-a-01',
    );
    expect(mayPublish(device, 'prossima/v1/demo/device/ds-a-02/status')).toMatch(/only its own status/);
    expect(mayPublish(device, 'prossima/v1/other/desk/a-01/state')).toBe(
      'site other is not bound to ds-a-01',
    );
    expect(mayPublish(device, 'prossima/v1/demo/desk/a-01/other')).toMatch(/not a prossima\/v1/);
    expect(mayPublish(device, 'anything/else')).toMatch(/not a prossima\/v1/);
  });

  it('lets a site-wide publisher report for every place of its site', () => {
    expect(mayPublish(gateway, 'prossima/v1/demo/desk/z-99/state')).toBeUndefined();
    expect(mayPublish(gateway, 'prossima/v1/demo/device/ds-z-99/status')).toBeUndefined();
    expect(mayPublish(gateway, 'prossima/v1/elsewhere/desk/a-01/state')).toMatch(/not bound/);
  });

  it('lets a reader publish its health under prossima/sys/ and no data; nobody publishes to $ topics', () => {
    expect(mayPublish(reader, 'prossima/v1/demo/desk/a-01/state')).toMatch(/only its health/);
    expect(mayPublish(reader, 'prossima/sys/ingest/prossima-ingest/stats')).toBeUndefined();
    expect(mayPublish(anonymous, 'any/topic')).toBeUndefined();
    expect(mayPublish(anonymous, '$SYS/x')).toMatch(/reserved/);
  });
});

describe('subscribe rules', () => {
  it('lets readers subscribe under prossima/v1/ and prossima/sys/ only, devices never', () => {
    expect(maySubscribe(reader, 'prossima/sys/ingest/+/stats')).toBeUndefined();
    expect(maySubscribe(reader, 'prossima/v1/+/#')).toBeUndefined();
    expect(maySubscribe(reader, 'prossima/v1/demo/desk/+/state')).toBeUndefined();
    expect(maySubscribe(reader, '#')).toMatch(/only under/);
    expect(maySubscribe(reader, 'prossima/#')).toMatch(/only under/);
    expect(maySubscribe(reader, 'prossima/v1')).toMatch(/only under/);
    expect(maySubscribe(device, 'prossima/v1/demo/#')).toMatch(/may not subscribe/);
    expect(maySubscribe(anonymous, '#')).toBeUndefined();
  });
});
