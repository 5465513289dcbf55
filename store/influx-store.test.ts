import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realPart } from '../test/real-parts.ts';
import { createDeskKeys, deskStateLine } from './desk-state-line.ts';
import { createInfluxClient } from './influx-client.ts';
import { openInfluxStore } from './influx-store.ts';
import { type InfluxdHandle, startInfluxd } from './influxd-process.ts';
import { InfluxQL, ident, influxql } from './influxql.ts';
import { describeStoreContract } from './store-contract.ts';

const influxd = realPart('influxd', 'apt-get install influxdb');
const T0 = Date.UTC(2026, 10, 2, 8, 0, 0);
const range = { from: T0 - 3_600_000, to: T0 + 3_600_000 };

// Started at file level so it runs before the contract's own beforeAll, which opens the store.
let server: InfluxdHandle | undefined;
beforeAll(async () => {
  if (influxd.found) server = await startInfluxd({ influxdPath: influxd.path });
});
afterAll(async () => {
  await server?.close();
});
const url = () => server?.url ?? 'http://127.0.0.1:8086';

describeStoreContract(
  'influxdb',
  () => openInfluxStore({ url: url(), database: 'contract' }),
  !influxd.found,
);

// The derived series in a database of their own: every read and write of them goes there.
describeStoreContract(
  'influxdb, reports in their own database',
  () => openInfluxStore({ url: url(), database: 'contract_events', reportsDatabase: 'contract_reports' }),
  !influxd.found,
);

describe.skipIf(!influxd.found)('influxdb store', () => {
  it('keeps dead letters of one millisecond apart, and one copy of a repeated letter', async () => {
    const store = await openInfluxStore({ url: url(), database: 'letters' });
    const letter = (n: number) => ({
      ts: T0,
      topic: 'prossima/v1/hq/desk/a/state',
      reason: 'bad',
      payload: `#${n}`,
    });
    const letters = Array.from({ length: 50 }, (_, n) => letter(n));
    await store.write({ deadLetters: letters });
    await store.write({ deadLetters: [letter(0), letter(1)] });
    const stored = await store.deadLetters({ from: T0, to: T0 + 1 });
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((l) => l.payload)).size).toBe(50);
    expect(stored.every((l) => l.ts === T0)).toBe(true);
    expect(await store.deadLetters({ from: T0, to: T0 + 1, limit: 3 })).toHaveLength(3);
    await store.close();
  });

  it('keeps ids with commas, equals signs, spaces and quotes intact', async () => {
    const store = await openInfluxStore({ url: url(), database: 'tags' });
    const site = `hq, "it's" = odd é 🙂`;
    const record = {
      site,
      desk: 'a=1 b,c\\d',
      floor: 'ground floor',
      zone: 'z=1',
      ts: T0,
      occupied: false,
      seq: 3,
    };
    await store.write({ deskStates: [record] });
    expect(await store.deskStates({ site, ...range })).toEqual([record]);
    expect(await store.deskStates({ site, desk: record.desk, ...range })).toEqual([record]);
    const unwritable = { ...record, desk: 'a\nb' };
    const result = await store.write({ deskStates: [unwritable, { ...record, ts: T0 + 1 }] });
    expect(result.rejected).toEqual([
      { kind: 'deskStates', index: 0, reason: expect.stringMatching(/tag desk contains a line break/) },
    ]);
    expect(await store.deskStates({ site, ...range })).toHaveLength(2);
  });

  it('returns the lines InfluxDB refused, and still writes the rest', async () => {
    const client = createInfluxClient({ url: url(), database: 'partial', linesPerRequest: 2 });
    await client.createDatabase();
    const lines = [
      'm,site=p v=1i 1000',
      'm,site=p v=2i 2000',
      'm,site=p v=3i 3000',
      'bad line here',
      'm,site=p v=5i 5000',
    ];
    expect(await client.write(lines)).toEqual([
      { index: 3, reason: expect.stringMatching(/^unable to parse: invalid field format/) },
    ]);
    const [series] = await client.query(influxql`SELECT ${ident('v')} FROM ${ident('m')}`);
    expect(series?.values.map((row) => row[1])).toEqual([1, 2, 3, 5]);
  });

  it('names the refused line among desk-state lines, which write their own bytes', async () => {
    const client = createInfluxClient({ url: url(), database: 'partial_bytes' });
    await client.createDatabase();
    const keys = createDeskKeys();
    const desk = (seq: number) =>
      deskStateLine(
        { site: 'hq', floor: 'g', zone: 'z', desk: 'a-01', ts: T0 + seq, occupied: true, seq },
        keys,
      );
    expect(await client.write([desk(1), 'bad line here', desk(2)])).toEqual([
      { index: 1, reason: expect.stringMatching(/^unable to parse: invalid field format/) },
    ]);
    const [series] = await client.query(influxql`SELECT ${ident('seq')} FROM ${ident('desk_state')}`);
    expect(series?.values.map((row) => row[1])).toEqual([1, 2]);
  });

  it('finds the lines refused for a field type conflict, which InfluxDB does not name', async () => {
    const client = createInfluxClient({ url: url(), database: 'conflict' });
    await client.createDatabase();
    await client.write([`desk_state,desk=a-01,site=hq occupied=0.5 ${T0}`]);
    const store = await openInfluxStore({ url: url(), database: 'conflict' });
    const record = { site: 'hq', desk: 'a-01', floor: 'g', zone: 'z', ts: T0 + 1, occupied: true, seq: null };
    expect((await store.write({ deskStates: [record] })).rejected).toEqual([
      { kind: 'deskStates', index: 0, reason: expect.stringMatching(/field type conflict.*occupied/) },
    ]);
    const lines = Array.from({ length: 10 }, (_, i) => `m,site=c v=${i === 6 ? '1.5' : `${i}i`} ${i + 1}`);
    await client.write(['m,site=c v=0i 0']);
    expect(await client.write(lines)).toEqual([{ index: 6, reason: expect.stringMatching(/type conflict/) }]);
    const [series] = await client.query(influxql`SELECT ${ident('v')} FROM ${ident('m')}`);
    expect(series?.values).toHaveLength(10);
  });

  it('gives a clear error when nothing answers at the URL', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await expect(openInfluxStore({ url: `http://127.0.0.1:${closedPort}` })).rejects.toThrow(
      `InfluxDB at http://127.0.0.1:${closedPort} did not answer /ping: connect ECONNREFUSED`,
    );
  });

  it('writes to and reads from the retention policy it is given', async () => {
    const client = createInfluxClient({ url: url(), database: 'rp' });
    await client.createDatabase();
    await client.query(new InfluxQL('CREATE RETENTION POLICY "keep" ON "rp" DURATION INF REPLICATION 1'));
    const store = await openInfluxStore({ url: url(), database: 'rp', retentionPolicy: 'keep' });
    const status = { site: 'hq', device: 'd-1', ts: T0, online: true, battery: 80, rssi: null, fw: 'x' };
    await store.write({ deviceStatuses: [status] });
    expect(await store.deviceStatuses({ site: 'hq', ...range })).toEqual([status]);
    expect(await client.query(influxql`SELECT * FROM ${ident('device_status')}`)).toEqual([]);
  });

  it('keeps the derived series in the reports database, where deleting events does not reach', async () => {
    const options = { url: url(), database: 'split_events', reportsDatabase: 'split_reports' };
    const store = await openInfluxStore(options);
    const usage = {
      site: 'hq',
      floor: 'f',
      zone: 'z',
      desk: 'd-1',
      ts: T0,
      occupiedMs: 600_000,
      knownMs: 900_000,
      arrivals: 1,
    };
    const state = { site: 'hq', floor: 'f', zone: 'z', desk: 'd-1', ts: T0, occupied: true, seq: 4 };
    await store.write({ deskStates: [state], deskUsage: [usage] });
    await store.expire({ events: T0 + 1 });
    expect(await store.deskStates({ site: 'hq', ...range })).toEqual([]);
    expect(await store.series('deskUsage', { site: 'hq', ...range })).toEqual([usage]);
    // Written there and only there: the events' database holds no derived series.
    const reports = await openInfluxStore({ url: url(), database: 'split_reports' });
    const events = await openInfluxStore({ url: url(), database: 'split_events' });
    expect(await reports.series('deskUsage', { site: 'hq', ...range })).toEqual([usage]);
    expect(await events.series('deskUsage', { site: 'hq', ...range })).toEqual([]);
    await Promise.all([store.close(), reports.close(), events.close()]);
  });

  it('refuses to work after close', async () => {
    const store = await openInfluxStore({ url: url(), database: 'closed' });
    await store.close();
    await expect(store.deskStates({ site: 'hq', ...range })).rejects.toThrow(/closed/);
  });
});

describe.skipIf(!influxd.found)('influxdb store with authentication', () => {
  let secured: InfluxdHandle;
  const admin = { username: 'prossima', password: `s3cret ' " \\` };
  beforeAll(async () => {
    secured = await startInfluxd({ influxdPath: influxd.found ? influxd.path : undefined, admin });
  });
  afterAll(async () => {
    await secured?.close();
  });

  it('signs in with username and password', async () => {
    const store = await openInfluxStore({ url: secured.url, database: 'auth', ...admin });
    const record = { site: 'hq', desk: 'a-01', floor: 'g', zone: 'z', ts: T0, occupied: true, seq: 1 };
    await store.write({ deskStates: [record] });
    expect(await store.deskStates({ site: 'hq', ...range })).toEqual([record]);
  });

  it('says that the credentials were refused', async () => {
    await expect(
      openInfluxStore({ url: secured.url, username: 'prossima', password: 'wrong' }),
    ).rejects.toThrow(/HTTP 401, check username\/password or token\): authorization failed/);
  });
});

describe('influxdb store options', () => {
  it('sends a token as Authorization: Token, and a user with Basic auth, never in the URL', async () => {
    // InfluxDB 1.6 predates token auth, so a listening HTTP server records what arrives instead.
    const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
    const recorder = createServer((request, response) => {
      seen.push({ url: request.url ?? '', headers: request.headers });
      if (request.url?.startsWith('/ping')) response.writeHead(204).end();
      else
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"results":[{"statement_id":0}]}');
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
    try {
      await openInfluxStore({ url: recorderUrl, token: 'abc123' });
      await openInfluxStore({ url: recorderUrl, username: 'ann', password: 'pw' });
    } finally {
      await new Promise((resolve) => recorder.close(resolve));
    }
    const auth = seen.map((r) => r.headers.authorization);
    expect(auth).toEqual([
      'Token abc123',
      'Token abc123',
      `Basic ${btoa('ann:pw')}`,
      `Basic ${btoa('ann:pw')}`,
    ]);
    expect(seen.map((r) => r.url).join(' ')).not.toMatch(/[?&](u|p)=/);
  });

  it('refuses a token together with a username', async () => {
    await expect(openInfluxStore({ token: 't', username: 'ann', password: 'pw' })).rejects.toThrow(
      /use either token or username\/password/,
    );
    await expect(openInfluxStore({ password: 'pw' })).rejects.toThrow(/password is set but username is not/);
  });
});
