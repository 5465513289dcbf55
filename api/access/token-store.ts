import { createHash, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import { type Role, roleSchema } from './roles.ts';

// Tokens are 256 random bits, so one SHA-256 is enough to store them: nobody can guess their way
// back from the hash, and a slow password hash (scrypt) would only add milliseconds to every request.

export const tokenRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  sha256: z.string(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
});
const tokenFileSchema = z.object({ tokens: z.array(tokenRecordSchema) });

export type TokenRecord = z.infer<typeof tokenRecordSchema>;
/** What `list` shows: everything but the hash. */
export type TokenInfo = Omit<TokenRecord, 'sha256'>;

export const TOKEN_FILE = 'tokens.json';
const PREFIX = 'prossima_';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The API tokens of one data dir, kept hashed in `{dataDir}/tokens.json`. Without a data dir they
 * live in memory (tests). Changes another process makes (`prossima tokens revoke`) are picked up
 * within `recheckMs`.
 */
export function createTokenStore(options: {
  dataDir?: string | undefined;
  now?: () => number;
  recheckMs?: number;
}) {
  const file = options.dataDir === undefined ? undefined : join(options.dataDir, TOKEN_FILE);
  const now = options.now ?? Date.now;
  const recheckMs = options.recheckMs ?? 1000;
  let records: TokenRecord[] = [];
  let byHash = new Map<string, TokenRecord>();
  let stamp = '';
  let checkedAt = Number.NEGATIVE_INFINITY;

  const fileStamp = () => {
    if (!file) return '';
    try {
      const s = statSync(file);
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return 'none';
    }
  };
  const load = () => {
    stamp = fileStamp();
    const parsed = file ? readJsonFile(file) : undefined;
    if (parsed !== undefined) records = tokenFileSchema.parse(parsed).tokens;
    byHash = new Map(records.map((r) => [r.sha256, r]));
  };
  const refresh = () => {
    if (!file || now() - checkedAt < recheckMs) return;
    checkedAt = now();
    if (fileStamp() !== stamp) load();
  };
  const save = () => {
    if (file) writeJsonFile(file, { tokens: records });
    byHash = new Map(records.map((r) => [r.sha256, r]));
    stamp = fileStamp();
  };
  const info = ({ sha256: _hash, ...rest }: TokenRecord): TokenInfo => rest;
  load();

  return {
    /** Issues a token; the secret is in the answer only, never stored. */
    add(role: Role, name = ''): { token: string; info: TokenInfo } {
      load();
      const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
      const record: TokenRecord = {
        id: `t-${randomBytes(4).toString('hex')}`,
        name,
        role,
        sha256: digest(token),
        createdAt: now(),
        revokedAt: null,
      };
      records.push(record);
      save();
      return { token, info: info(record) };
    },
    list(): TokenInfo[] {
      load();
      return records.map(info);
    },
    /** Revokes a token by id; false when there is no such token. */
    revoke(id: string): boolean {
      load();
      const record = records.find((r) => r.id === id);
      if (!record) return false;
      record.revokedAt ??= now();
      save();
      return true;
    },
    /** The live token a bearer secret names, or undefined. */
    verify(token: string): TokenInfo | undefined {
      refresh();
      if (!token.startsWith(PREFIX)) return undefined;
      const record = byHash.get(digest(token));
      return record && record.revokedAt === null ? info(record) : undefined;
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
