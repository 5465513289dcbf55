import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashSecret, newSecret, verifySecret } from './credentials.ts';
import { addDevice, readRegistry, revokeDevice, rotateDevice } from './device-registry.ts';

const dir = mkdtempSync(join(tmpdir(), 'prossima-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets', () => {
  it('are stored as salted scrypt hashes that verify only the right secret', async () => {
    const secret = newSecret();
    const [a, b] = [await hashSecret(secret), await hashSecret(secret)];
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b); // a salt per secret
    expect(a).not.toContain(secret);
    expect(await verifySecret(secret, a)).toBe(true);
    expect(await verifySecret(`${secret}x`, a)).toBe(false);
    expect(await verifySecret(secret, 'plain$text')).toBe(false);
  });
});

describe('the device registry file', () => {
  const file = join(dir, 'devices.json');

  it('adds, rotates and revokes devices, keeping only hashes on disk', async () => {
    const { secret, record } = await addDevice(file, {
      role: 'device',
      id: 'ds-a-01',
      site: 'demo',
      desks: ['a-01'],
    });
    expect(record).toMatchObject({ id: 'ds-a-01', site: 'demo', desks: ['a-01'], doors: [], all: false });
    expect(readFileSync(file, 'utf8')).not.toContain(secret);
    const rotated = await rotateDevice(file, 'ds-a-01');
    expect(rotated.secret).not.toBe(secret);
    const stored = (await readRegistry(file)).devices[0];
    expect(await verifySecret(rotated.secret, stored?.secretHash ?? '')).toBe(true);
    expect(await verifySecret(secret, stored?.secretHash ?? '')).toBe(false);
    await revokeDevice(file, 'ds-a-01');
    expect((await readRegistry(file)).devices[0]?.revoked).toBeDefined();
  });

  it('refuses duplicates, devices bound to nothing, and unknown or revoked ids', async () => {
    await expect(
      addDevice(file, { role: 'device', id: 'ds-a-01', site: 'demo', desks: ['a-01'] }),
    ).rejects.toThrow(/already registered/);
    await expect(addDevice(file, { role: 'device', id: 'ds-x', site: 'demo' })).rejects.toThrow(
      /at least one desk/,
    );
    await expect(rotateDevice(file, 'nobody')).rejects.toThrow(/no device "nobody"/);
    await expect(rotateDevice(file, 'ds-a-01')).rejects.toThrow(/was revoked/);
    await expect(
      addDevice(file, { role: 'device', id: 'Bad Id', site: 'demo', desks: ['a-01'] }),
    ).rejects.toThrow();
  });

  it('keeps every change when several commands change the registry at once', async () => {
    const many = join(dir, 'many.json');
    const ids = Array.from({ length: 8 }, (_, i) => `ds-b-${i}`);
    await Promise.all(
      ids.map((id) => addDevice(many, { role: 'device', id, site: 'demo', desks: ['b-01'] })),
    );
    await Promise.all([
      revokeDevice(many, 'ds-b-0'),
      rotateDevice(many, 'ds-b-1'),
      revokeDevice(many, 'ds-b-2'),
    ]);
    const devices = (await readRegistry(many)).devices;
    expect(devices.map((d) => d.id).sort()).toEqual(ids);
    expect(
      devices
        .filter((d) => d.revoked)
        .map((d) => d.id)
        .sort(),
    ).toEqual(['ds-b-0', 'ds-b-2']);
    expect(devices.find((d) => d.id === 'ds-b-1')?.rotated).toBeDefined();
  });

  it('names the field when the file is malformed, and treats a missing file as empty', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, devices: [{ id: 'x', role: 'device' }] }));
    await expect(readRegistry(bad)).rejects.toThrow(/devices\.0\.site/);
    expect(await readRegistry(join(dir, 'absent.json'))).toEqual({ version: 1, devices: [] });
  });
});
