import { z } from 'zod';

// The simulator's settings beyond on/off, seed and speed: faults, history, replay and load. Spread into
// SETTINGS (settings.ts), so the parser, `prossima help` and the README table know them like any other.

const share = z.coerce
  .number()
  .min(0, 'must be a share from 0 to 1')
  .max(1, 'must be a share from 0 to 1')
  .default(0);
const fault = (flag: string, env: string, help: string) => ({
  flag,
  env,
  schema: share,
  help,
  commands: 'start, sim',
});

export const SIM_SETTINGS = {
  simBackfillDays: {
    flag: 'sim-backfill-days',
    env: 'PROSSIMA_SIM_BACKFILL_DAYS',
    schema: z.coerce.number().min(0).max(3650, 'at most 3650 days').optional(),
    help: 'Days of history to send first, a day short of --keep-events-days when set; start: on a first run only (28 when unset); sim: when set; 0 = none',
    commands: 'start, sim',
  },
  simReplay: {
    flag: 'sim-replay',
    env: 'PROSSIMA_SIM_REPLAY',
    schema: z.string().min(1).optional(),
    help: 'CSV of recorded door counts or desk states to play through MQTT (CalIt2 format, or with a header)',
    commands: 'start, sim',
  },
  simReplayShift: {
    flag: 'sim-replay-shift',
    env: 'PROSSIMA_SIM_REPLAY_SHIFT',
    schema: z
      .union([z.enum(['none', 'auto']), z.coerce.number().int('must be none, auto or whole days')])
      .default('none'),
    help: 'Move the replayed dates: auto = by whole weeks to end within the last week; or a number of days',
    commands: 'start, sim',
  },
  simReplayDoor: {
    flag: 'sim-replay-door',
    env: 'PROSSIMA_SIM_REPLAY_DOOR',
    schema: z.string().min(1).optional(),
    help: 'Door for replayed rows without one: DOOR of the first site, or SITE/DOOR; the first door when unset',
    commands: 'start, sim',
  },
  simRate: {
    flag: 'sim-rate',
    env: 'PROSSIMA_SIM_RATE',
    schema: z.coerce.number().positive('must be above 0').max(10_000_000).optional(),
    help: 'Load test: extra messages per second across all devices; the achieved rate is logged every 10 s',
    commands: 'start, sim',
  },
  simDevices: {
    flag: 'sim-devices',
    env: 'PROSSIMA_SIM_DEVICES',
    schema: z.coerce.number().int().positive().max(100_000).optional(),
    help: 'Load test: copy the sites until there are at least this many devices (one MQTT connection each)',
    commands: 'start, sim',
  },
  simDrop: fault('sim-drop', 'PROSSIMA_SIM_DROP', 'Fault: share of messages lost on the way'),
  simDuplicate: fault(
    'sim-duplicate',
    'PROSSIMA_SIM_DUPLICATE',
    'Fault: share of messages delivered twice (same seq)',
  ),
  simReorder: fault(
    'sim-reorder',
    'PROSSIMA_SIM_REORDER',
    "Fault: share of messages arriving after their device's next one",
  ),
  simDelay: fault(
    'sim-delay',
    'PROSSIMA_SIM_DELAY',
    'Fault: share of messages delivered up to 2 minutes late (ts unchanged)',
  ),
  simSkew: fault('sim-skew', 'PROSSIMA_SIM_SKEW', 'Fault: share of devices whose clock is 45–90 s off'),
  simMalformed: fault(
    'sim-malformed',
    'PROSSIMA_SIM_MALFORMED',
    'Fault: share of payloads broken (cut short, wrong type, seconds)',
  ),
  simOffline: {
    flag: 'sim-offline',
    env: 'PROSSIMA_SIM_OFFLINE',
    schema: z.coerce.number().min(0).max(60).default(0),
    help: 'Fault: outages per device per simulated hour (abrupt: the will fires; back after ~3 minutes)',
    commands: 'start, sim',
  },
  simFlap: fault(
    'sim-flap',
    'PROSSIMA_SIM_FLAP',
    'Fault: share of desk sensors that bounce after each change',
  ),
  simMissCrossings: fault(
    'sim-miss-crossings',
    'PROSSIMA_SIM_MISS_CROSSINGS',
    'Fault: share of door crossings the counters miss',
  ),
};
