import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { describeIssues, idSchema } from '../protocol/index.ts';
import { hashSecret, newSecret } from './credentials.ts';
import { withRegistryLock } from './registry-lock.ts';

// The credentials registry: one JSON file in the data folder (`devices.json`), written by
// `prossima devices …` and read (and watched) by the broker. It holds secrets only as scrypt hashes.

const common = {
  id: idSchema,
  secretHash: z.string().startsWith('scrypt$'),
  created: z.iso.datetime(),
  rotated: z.iso.datetime().optional(),
  /** Set when revoked: the record stays, so the id is not silently reused and the history is kept. */
  revoked: z.iso.datetime().optional(),
};

export const deviceRecordSchema = z.discriminatedUnion('role', [
  z.object({
    ...common,
    /** A sensor or gateway: publishes for its desks and doors and its own status; subscribes to nothing. */
    role: z.literal('device'),
    site: idSchema,
    desks: z.array(idSchema).default([]),
    doors: z.array(idSchema).default([]),
    /** Every desk, door and device status of the site: for a gateway or a simulator run apart. */
    all: z.boolean().default(false),
  }),
  z.object({
    ...common,
    /** A service run apart (ingest, the API): reads prossima/v1/ and prossima/sys/, publishes only under prossima/sys/. */
    role: z.literal('reader'),
  }),
]);

export const registryFileSchema = z.object({
  version: z.literal(1),
  devices: z.array(deviceRecordSchema),
});

export type DeviceRecord = z.infer<typeof deviceRecordSchema>;
export type RegistryFile = z.infer<typeof registryFileSchema>;
export type NewDevice =
  | { role: 'device'; id: string; site: string; desks?: string[]; doors?: string[]; all?: boolean }
  | { role: 'reader'; id: string };

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/** The registry file of a data folder. */
export function registryFile(dataDir: string): string {
  return join(dataDir, 'devices.json');
}

/** Reads the registry; an absent file is an empty registry, a malformed one an error naming the field. */
export async function readRegistry(file: string): Promise<RegistryFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, devices: [] };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistryError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = registryFileSchema.safeParse(json);
  if (!parsed.success) throw new RegistryError(`${file}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Writes the whole registry atomically: a reader (the broker) never sees half a file. */
export async function writeRegistry(file: string, registry: RegistryFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${JSON.stringify(registry, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/**
 * Adds a device or reader with a new secret, and returns the secret: the only time it exists in clear.
 * @example const { secret } = await addDevice(file, { role: 'device', id: 'ds-a-01', site: 'demo', desks: ['a-01'] });
 */
export async function addDevice(
  file: string,
  device: NewDevice,
  now = new Date(),
): Promise<{ record: DeviceRecord; secret: string }> {
  if (device.role === 'device' && !device.all && !device.desks?.length && !device.doors?.length) {
    throw new RegistryError('a device needs at least one desk or door (or --all)');
  }
  const secret = newSecret();
  // Hashed before the lock: scrypt is slow on purpose, and nobody should wait on it.
  const record = deviceRecordSchema.parse({
    ...device,
    secretHash: await hashSecret(secret),
    created: now.toISOString(),
  });
  await withRegistryLock(file, async () => {
    const registry = await readRegistry(file);
    if (registry.devices.some((d) => d.id === device.id)) {
      throw new RegistryError(`a device "${device.id}" is already registered (rotate or revoke it)`);
    }
    await writeRegistry(file, { ...registry, devices: [...registry.devices, record] });
  });
  return { record, secret };
}

/** Gives a device a new secret; the old one stops working at once (the broker drops its connections). */
export async function rotateDevice(
  file: string,
  id: string,
  now = new Date(),
): Promise<{ record: DeviceRecord; secret: string }> {
  const secret = newSecret();
  const secretHash = await hashSecret(secret);
  const record = await update(file, id, (d) => ({ ...d, secretHash, rotated: now.toISOString() }));
  return { record, secret };
}

/** Revokes a device: it can no longer connect, and a connected one is disconnected. */
export function revokeDevice(file: string, id: string, now = new Date()): Promise<DeviceRecord> {
  return update(file, id, (d) => ({ ...d, revoked: d.revoked ?? now.toISOString() }));
}

async function update(
  file: string,
  id: string,
  change: (record: DeviceRecord) => DeviceRecord,
): Promise<DeviceRecord> {
  return withRegistryLock(file, async () => {
    const registry = await readRegistry(file);
    const index = registry.devices.findIndex((d) => d.id === id);
    const current = registry.devices[index];
    if (!current) throw new RegistryError(`no device "${id}" in ${file}`);
    if (current.revoked) throw new RegistryError(`device "${id}" was revoked on ${current.revoked}`);
    const record = change(current);
    const devices = registry.devices.map((d, i) => (i === index ? record : d));
    await writeRegistry(file, { ...registry, devices });
    return record;
  });
}
