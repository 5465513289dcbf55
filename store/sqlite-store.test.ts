import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';
import { describeStoreContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'prossima-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('sqlite', () => openSqliteStore({ file: join(dir, 'contract.db') }));

describe('sqlite store', () => {
  it('keeps what it wrote across a reopen of the same file', async () => {
    const file = join(dir, 'reopen.db');
    const record = {
      site: 's',
      desk: 'd',
      floor: 'f',
      zone: 'z',
      ts: 1_800_000_000_000,
      occupied: true,
      seq: 3,
    };
    const first = await openSqliteStore({ file });
    await first.write({ deskStates: [record] });
    await first.close();
    const second = await openSqliteStore({ file });
    expect(await second.deskStates({ site: 's', from: 0, to: 2_000_000_000_000 })).toEqual([record]);
    await second.close();
  });
});
