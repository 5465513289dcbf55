import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Secrets are stored only as scrypt hashes with a per-secret salt, in one self-describing string:
// `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can be raised later without
// invalidating hashes already in a registry.

const N = 16_384;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

function derive(secret: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, { N: n, r, p, maxmem: 256 * n * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A new random secret: 24 bytes, base64url, safe in a URL's userinfo without escaping. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Hashes a secret for storage.
 * @example const stored = await hashSecret(newSecret()); // 'scrypt$16384$8$1$…$…'
 */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `secret` matches the stored hash; compares in constant time. A malformed hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(secret, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
