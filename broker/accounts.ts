import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { type Identity, placesOf, type SitePlaces } from './acl.ts';
import { hashSecret, verifySecret } from './credentials.ts';
import { type DeviceRecord, readRegistry } from './device-registry.ts';
import { watchFile } from './file-watch.ts';

// Every account the broker knows: devices and readers from the registry file (reloaded when it
// changes), and the service accounts a process provisions in memory (`prossima start`).

/** An in-memory service account; its secret is never written anywhere. */
export type ServiceAccount =
  | { username: string; secret: string; role: 'reader' }
  /** Publishes for every place of these sites: the simulator's one account for all its devices. */
  | { username: string; secret: string; role: 'publisher'; sites: string[] };

type Account = { hash: string; identity: Identity };

export type LoginResult = { ok: true; identity: Identity } | { ok: false; reason: string };

export type Accounts = {
  login(username: string, password: string): Promise<LoginResult>;
  /** Whether `username` is a registered device (not a reader): it must connect with its id as client id. */
  isDevice(username: string): boolean;
  /** Called with the usernames whose access was revoked, rotated or changed since the last load. */
  onChange(listener: (changed: Set<string>) => void): void;
  /** Re-reads the registry now (the watch does this by itself). */
  reload(): Promise<void>;
  close(): void;
};

export type AccountsOptions = {
  registryFile?: string | undefined;
  services: readonly ServiceAccount[];
  pollMs: number;
  logger: Logger;
};

/** Loads the registry, hashes the service secrets, and starts watching the registry file. */
export async function openAccounts(options: AccountsOptions): Promise<Accounts> {
  const { registryFile, logger } = options;
  const services = new Map<string, Account>();
  for (const service of options.services) {
    services.set(service.username, {
      hash: await hashSecret(service.secret),
      identity: serviceIdentity(service),
    });
  }
  let devices = new Map<string, Account & { signature: string }>();
  // Verifying scrypt costs tens of ms by design; a device reconnecting with the secret it used before
  // is recognised by a keyed digest instead (the key lives only in this process).
  const cacheKey = randomBytes(32);
  const verified = new Map<string, string>();
  const digest = (username: string, password: string) =>
    createHmac('sha256', cacheKey).update(username).update('\0').update(password).digest('base64');
  const listeners: Array<(changed: Set<string>) => void> = [];

  const reload = async () => {
    if (!registryFile) return;
    let records: DeviceRecord[];
    try {
      records = (await readRegistry(registryFile)).devices;
    } catch (error) {
      // Keep the accounts we have: a half-edited file must not lock every device out.
      logger.error({ err: (error as Error).message }, 'device registry unreadable; keeping the previous one');
      return;
    }
    const next = new Map<string, Account & { signature: string }>();
    for (const record of records) {
      if (record.revoked || services.has(record.id)) continue;
      const signature = JSON.stringify(record);
      const current = devices.get(record.id);
      // An unchanged record keeps its account object: a login in progress stays valid.
      next.set(
        record.id,
        current?.signature === signature
          ? current
          : { hash: record.secretHash, identity: deviceIdentity(record), signature },
      );
    }
    const changed = new Set<string>();
    for (const [id, account] of devices) if (next.get(id)?.signature !== account.signature) changed.add(id);
    devices = next;
    for (const id of changed) verified.delete(id);
    if (changed.size > 0) {
      logger.info({ devices: [...changed] }, 'device registry changed');
      for (const listener of listeners) listener(changed);
    }
  };
  await reload();
  const watch = registryFile ? watchFile(registryFile, options.pollMs, () => void reload()) : undefined;

  return {
    login: async (username, password) => {
      const account = services.get(username) ?? devices.get(username);
      if (!account) return { ok: false, reason: 'unknown user name' };
      const key = digest(username, password);
      if (verified.get(username) === key) return { ok: true, identity: account.identity };
      if (!(await verifySecret(password, account.hash))) return { ok: false, reason: 'wrong secret' };
      // The registry may have changed while scrypt ran: only the account as it is now counts.
      if ((services.get(username) ?? devices.get(username)) !== account) {
        return { ok: false, reason: 'account changed during login' };
      }
      verified.set(username, key);
      return { ok: true, identity: account.identity };
    },
    isDevice: (username) => devices.get(username)?.identity.kind === 'publisher',
    onChange: (listener) => listeners.push(listener),
    reload,
    close: () => watch?.close(),
  };
}

function deviceIdentity(record: DeviceRecord): Identity {
  if (record.role === 'reader') return { kind: 'reader', id: record.id };
  return {
    kind: 'publisher',
    id: record.id,
    places: placesOf(record.site, record.desks, record.doors, record.all),
  };
}

function serviceIdentity(service: ServiceAccount): Identity {
  if (service.role === 'reader') return { kind: 'reader', id: service.username };
  const all: SitePlaces = { all: true, desks: new Set(), doors: new Set() };
  return {
    kind: 'publisher',
    id: service.username,
    places: new Map(service.sites.map((site) => [site, all])),
  };
}
