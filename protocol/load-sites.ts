import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describeIssues } from './decode.ts';
import { type Site, siteSchema } from './site-model.ts';

/** The demo site shipped with Prossima: two floors, 40 desks, a meeting room, two doors. */
export const DEMO_SITE_FILE = fileURLToPath(new URL('./sites/demo.json', import.meta.url));

export class SiteFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`site file ${file}: ${detail}`);
    this.name = 'SiteFileError';
  }
}

/** Parses one site from already-read JSON; throws a SiteFileError naming each bad field. */
export function parseSite(json: unknown, file = '<input>'): Site {
  const result = siteSchema.safeParse(json);
  if (!result.success) throw new SiteFileError(file, describeIssues(result.error));
  return result.data;
}

/** Loads and validates site files; site ids must be unique across them. */
export async function loadSites(files: readonly string[]): Promise<Site[]> {
  const sites: Site[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new SiteFileError(
        file,
        `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SiteFileError(file, `not valid JSON (${(error as Error).message})`);
    }
    const site = parseSite(json, file);
    if (sites.some((s) => s.id === site.id)) throw new SiteFileError(file, `duplicate site id "${site.id}"`);
    sites.push(site);
  }
  return sites;
}
