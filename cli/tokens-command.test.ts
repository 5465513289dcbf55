import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTokenStore } from '../api/index.ts';
import { runTokens } from './tokens-command.ts';

describe('prossima tokens', () => {
  it('adds a token shown once and stored hashed, lists it, and revokes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'prossima-cli-tokens-'));
    try {
      const out: string[] = [];
      const print = (line: string) => out.push(line);
      expect(
        await runTokens(
          ['add', '--role', 'planner', '--name', 'town hall', '--data-dir', dataDir],
          {},
          print,
        ),
      ).toBe(0);
      const token = out[1] ?? '';
      expect(token).toMatch(/^prossima_[A-Za-z0-9_-]{43}$/);
      expect(readFileSync(join(dataDir, 'tokens.json'), 'utf8')).not.toContain(token);
      const id = createTokenStore({ dataDir }).verify(token)?.id ?? '';
      expect(id).toMatch(/^t-[0-9a-f]{8}$/);

      out.length = 0;
      await runTokens(['list'], { PROSSIMA_DATA_DIR: dataDir }, print);
      expect(out).toEqual([expect.stringMatching(new RegExp(`^${id}\\s+planner\\s+active\\s+town hall$`))]);
      await runTokens(['revoke', id, '--data-dir', dataDir], {}, print);
      expect(createTokenStore({ dataDir }).verify(token)).toBeUndefined();
      await expect(runTokens(['add', '--role', 'root', '--data-dir', dataDir], {}, print)).rejects.toThrow(
        '--role: must be one of member, planner, manager',
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
