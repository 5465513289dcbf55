import { isIP } from 'node:net';

/**
 * Whether an address is loopback or on a private network, where the member view may be left open.
 * An in-process request (tests, `app.request`) has no address and counts as local.
 */
export function isLocalAddress(address: string | undefined): boolean {
  if (address === undefined || address === '') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  const lower = address.toLowerCase();
  return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80:');
}
