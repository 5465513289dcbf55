import { randomUUID } from 'node:crypto';
import {
  type Alert,
  atLocalMinutes,
  createLocalTime,
  type Headcount,
  type LiveSite,
  type Message,
  type Site,
} from '../../protocol/index.ts';

export type AlertRules = {
  /** A device reporting a battery below this (percent) raises battery-low; it clears 5 points above. */
  batteryLowPercent: number;
  /** People: the day's in − out drift, or the headcount still inside after closing, beyond this. */
  driftThreshold: number;
  /** How long after the last closing of the day a non-zero headcount counts as stuck. */
  afterClosingMs: number;
};

type Draft = Omit<Alert, 'id' | 'at'>;

/**
 * Turns conditions into alerts, once each: a condition raises one alert when it starts and none
 * while it lasts; when it ends it may raise again later. Checked against the live view (every sweep)
 * and against device statuses as they arrive.
 */
export function createAlertEngine(options: { rules: AlertRules; keep?: number; newId?: () => string }) {
  const { rules } = options;
  const newId = options.newId ?? randomUUID;
  const keep = options.keep ?? 500;
  const active = new Set<string>();
  const recent: Alert[] = [];
  const lastHeadcount = new Map<string, Headcount>();

  const raise = (key: string, draft: Draft, now: number, out: Alert[]) => {
    if (active.has(key)) return;
    active.add(key);
    const alert = { id: newId(), at: now, ...draft };
    recent.push(alert);
    if (recent.length > keep) recent.shift();
    out.push(alert);
  };
  const hold = (condition: boolean, key: string, draft: () => Draft, now: number, out: Alert[]) => {
    if (condition) raise(key, draft(), now, out);
    else active.delete(key);
  };

  const checkCapacity = (site: Site, live: LiveSite, now: number, out: Alert[]) => {
    const { count } = live.headcount;
    hold(
      count > site.capacity,
      `cap:${site.id}`,
      () => ({
        site: site.id,
        type: 'over-capacity',
        message: `${count} people inside, capacity ${site.capacity}`,
        subject: { kind: 'site', id: site.id },
        value: count,
        threshold: site.capacity,
      }),
      now,
      out,
    );
    for (const zone of live.zones) {
      const held = zone.occupied + zone.away;
      hold(
        held > zone.capacity,
        `cap:${site.id}:${zone.id}`,
        () => ({
          site: site.id,
          type: 'over-capacity',
          message: `zone ${zone.id}: ${held} desks held, capacity ${zone.capacity}`,
          subject: { kind: 'zone', id: zone.id },
          value: held,
          threshold: zone.capacity,
        }),
        now,
        out,
      );
    }
  };

  const checkOffline = (site: Site, live: LiveSite, now: number, out: Alert[]) => {
    for (const desk of live.desks) {
      const last =
        desk.lastSeen === null ? 'never heard' : `last heard ${new Date(desk.lastSeen).toISOString()}`;
      hold(
        desk.state === 'offline',
        `offline:${site.id}:${desk.id}`,
        () => ({
          site: site.id,
          type: 'sensor-offline',
          message: `desk ${desk.id}: sensor offline, ${last}`,
          subject: { kind: 'desk', id: desk.id },
          value: desk.lastSeen ?? 0,
          threshold: 0,
        }),
        now,
        out,
      );
    }
  };

  const checkDoors = (site: Site, live: LiveSite, now: number, out: Alert[]) => {
    const { headcount } = live;
    const before = lastHeadcount.get(site.id);
    lastHeadcount.set(site.id, headcount);
    // A day ended: its in − out should have come back to zero.
    if (before && headcount.since > before.since && Math.abs(before.in - before.out) > rules.driftThreshold) {
      const drift = before.in - before.out;
      raise(
        `drift:${site.id}:${before.since}`,
        {
          site: site.id,
          type: 'door-drift',
          message: `door counts drifted by ${drift} people over the day (in ${before.in}, out ${before.out})`,
          subject: { kind: 'site', id: site.id },
          value: drift,
          threshold: rules.driftThreshold,
        },
        now,
        out,
      );
    }
    const closed = lastClosing(site, now);
    if (
      closed !== undefined &&
      closed >= headcount.since &&
      now >= closed + rules.afterClosingMs &&
      headcount.count > rules.driftThreshold
    ) {
      raise(
        `stuck:${site.id}:${headcount.since}`,
        {
          site: site.id,
          type: 'inside-after-closing',
          message: `${headcount.count} people still counted inside after closing`,
          subject: { kind: 'site', id: site.id },
          value: headcount.count,
          threshold: rules.driftThreshold,
        },
        now,
        out,
      );
    }
  };

  return {
    /** Conditions read from the live view: capacity, offline sensors, door drift. */
    check(site: Site, live: LiveSite, now: number): Alert[] {
      const out: Alert[] = [];
      checkCapacity(site, live, now, out);
      checkOffline(site, live, now, out);
      checkDoors(site, live, now, out);
      return out;
    },
    /** Conditions read from messages: a device's battery. */
    onMessage(message: Message, now: number): Alert[] {
      const out: Alert[] = [];
      if (message.kind !== 'device-status' || message.payload.battery === undefined) return out;
      const { battery } = message.payload;
      const key = `battery:${message.site}:${message.device}`;
      if (battery < rules.batteryLowPercent) {
        raise(
          key,
          {
            site: message.site,
            type: 'battery-low',
            message: `device ${message.device}: battery at ${battery}%`,
            subject: { kind: 'device', id: message.device },
            value: battery,
            threshold: rules.batteryLowPercent,
          },
          now,
          out,
        );
      } else if (battery >= rules.batteryLowPercent + 5) active.delete(key);
      return out;
    },
    recent: (site: string): Alert[] => recent.filter((a) => a.site === site),
  };
}

export type AlertEngine = ReturnType<typeof createAlertEngine>;

/** The end of the day's last opening interval if it is already past, else undefined. */
function lastClosing(site: Site, now: number): number | undefined {
  const local = createLocalTime(site.timezone);
  const intervals = site.openingHours[local(now).weekday] ?? [];
  const close = intervals.at(-1)?.close;
  if (!close) return undefined;
  const [h = 0, m = 0] = close.split(':').map(Number);
  const at = atLocalMinutes(local, now, h * 60 + m);
  return at <= now ? at : undefined;
}
