import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file.ts';

export const calibrationRecordSchema = z.object({
  site: z.string(),
  /** The instant the count holds for (epoch ms). */
  at: z.number(),
  count: z.number().int().nonnegative(),
  /** The token that set it (its id, never its secret); null for an in-process caller. */
  by: z.string().nullable(),
  note: z.string(),
});
export type CalibrationRecord = z.infer<typeof calibrationRecordSchema>;

const KEEP = 5000;

/**
 * Every headcount calibration a manager made, kept in `{dataDir}/calibrations.json` (memory only
 * without a data dir), so a restarted API re-applies today's and the record shows who set what.
 */
export function createCalibrationLog(dataDir: string | undefined) {
  const file = dataDir === undefined ? undefined : join(dataDir, 'calibrations.json');
  const raw = file ? readJsonFile(file) : undefined;
  const records: CalibrationRecord[] = raw === undefined ? [] : z.array(calibrationRecordSchema).parse(raw);
  return {
    add(record: CalibrationRecord): void {
      records.push(record);
      if (records.length > KEEP) records.splice(0, records.length - KEEP);
      if (file) writeJsonFile(file, records);
    },
    /** A site's calibrations, newest last. */
    of: (site: string): CalibrationRecord[] => records.filter((r) => r.site === site),
  };
}

export type CalibrationLog = ReturnType<typeof createCalibrationLog>;
