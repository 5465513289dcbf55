import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeLines, writeBody } from './write-body.ts';

describe('write body', () => {
  it('is the chosen lines in the order given, newline-separated, gzip-compressed', async () => {
    const lines = ['desk_state,site=a occupied=1i 1', 'skipped', 'desk_state,site=b occupied=0i 2', 'last 3'];
    const body = await writeBody(lines, [0, 2, 3]);
    expect(gunzipSync(body).toString('utf8')).toBe(
      'desk_state,site=a occupied=1i 1\ndesk_state,site=b occupied=0i 2\nlast 3',
    );
  });

  it('keeps non-ASCII text whole, growing its buffer when UTF-8 takes more bytes than characters', () => {
    // 3 bytes per '€' and 4 per emoji: far more bytes than the characters the buffer is sized for.
    const lines = Array.from({ length: 50 }, (_, i) => `zone=Città_${i},note=${'€'.repeat(200)}😀 ${i}`);
    const indexes = lines.map((_, i) => i);
    expect(encodeLines(lines, indexes).toString('utf8')).toBe(lines.join('\n'));
  });

  it('is empty for no lines', () => {
    expect(encodeLines(['a'], []).length).toBe(0);
  });
});
