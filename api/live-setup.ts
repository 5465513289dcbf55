import { lastLocalTime, type Site } from '../protocol/index.ts';
import type { Store } from '../store/store.ts';
import { createCalibrationLog } from './calibration-log.ts';
import { createLiveState } from './live-state.ts';
import { createSiteFiles } from './site-files.ts';

export type LiveSetupOptions = {
  sites: readonly Site[];
  store: Store;
  dataDir?: string | undefined;
  offlineAfterMs: number;
  awayGraceMs: number;
  now: () => number;
};

/**
 * The live state as a restarted API should find it: edited site models from the data dir over the
 * configured ones, today's stored door reports counted, and today's latest calibration applied.
 */
export async function restoreLive(options: LiveSetupOptions) {
  const { now } = options;
  const siteFiles = createSiteFiles(options.dataDir);
  const edited = siteFiles.load();
  const sites = new Map(options.sites.map((s) => [s.id, s]));
  for (const site of edited) sites.set(site.id, site);
  const state = createLiveState({
    sites: [...sites.values()],
    offlineAfterMs: options.offlineAfterMs,
    awayGraceMs: options.awayGraceMs,
  });
  const calibrations = createCalibrationLog(options.dataDir);
  for (const site of sites.values()) {
    const from = lastLocalTime(now(), site.dailyReset, site.timezone);
    const reports = await options.store.doorCounts({ site: site.id, from, to: now() + 60_000 });
    state.seedHeadcount(site.id, reports, now());
    const latest = calibrations
      .of(site.id)
      .filter((c) => c.at >= from)
      .at(-1);
    if (latest) state.calibrate(site.id, latest, now());
  }
  return { state, calibrations, siteFiles, edited };
}
