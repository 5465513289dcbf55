import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Site, siteSchema } from '../protocol/index.ts';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/**
 * Site models managers edited through the API, kept as `{dataDir}/sites/{id}.json` (the same format
 * as a site file). They override the configured site files of the same id at the next start.
 */
export function createSiteFiles(dataDir: string | undefined) {
  const folder = dataDir === undefined ? undefined : join(dataDir, 'sites');
  return {
    load(): Site[] {
      if (!folder) return [];
      mkdirSync(folder, { recursive: true });
      return readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .map((name) => {
          const result = siteSchema.safeParse(readJsonFile(join(folder, name)));
          if (!result.success) throw new Error(`${join(folder, name)}: ${result.error.issues[0]?.message}`);
          return result.data;
        });
    },
    save(site: Site): void {
      if (folder) writeJsonFile(join(folder, `${site.id}.json`), site);
    },
  };
}
