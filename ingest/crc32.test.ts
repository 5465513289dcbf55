import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Of } from './crc32.ts';

describe('crc32Of', () => {
  it('gives what zlib gives, for every length up to 300 and at every alignment', () => {
    const bytes = Buffer.alloc(4096);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    for (let length = 0; length <= 300; length++) {
      for (const start of [0, 1, 3, 7, 8, 13]) {
        expect(crc32Of(bytes, start, start + length)).toBe(crc32(bytes.subarray(start, start + length)));
      }
    }
    expect(crc32Of(Buffer.from('123456789'), 0, 9)).toBe(0xcbf43926);
  });
});
