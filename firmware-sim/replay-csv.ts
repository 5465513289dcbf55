/** A wall-clock time with no zone: the site's zone gives it meaning. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

/** When a row happened: an instant, or a wall-clock time in the site's zone. */
export type RowTime = { epoch: number } | { wall: WallTime };

/** One recorded event: a door's counts since its previous row, or a desk's state. */
export type ReplayRow =
  | { kind: 'door'; time: RowTime; site?: string; door?: string; in: number; out: number }
  | { kind: 'desk'; time: RowTime; site?: string; desk: string; occupied: boolean };

// CalIt2 (UCI): `flow,MM/DD/YY,HH:MM:SS,count`, flow 7 = out, 9 = in, no header.
const CALIT2_ROW = /^(7|9),(\d\d)\/(\d\d)\/(\d\d),(\d\d):(\d\d):\d\d,(\d+)$/;
const WALL = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::\d\d(?:\.\d+)?)?$/;
const TRUE = new Set(['1', 'true', 'occupied', 'yes']);
const FALSE = new Set(['0', 'false', 'free', 'no']);

/**
 * Reads a recording: the CalIt2 door file as it is, or a CSV with a header naming `time` and either
 * `door,in,out` or `desk,occupied` (and optionally `site`). `time` is epoch ms, an ISO time with a zone,
 * or `YYYY-MM-DD HH:MM[:SS]` read in the site's zone. Throws naming the line of the first bad row.
 * @example parseReplayCsv('time,door,in,out\n2025-03-12 09:00,main,4,1') // [{ kind: 'door', in: 4, out: 1, … }]
 */
export function parseReplayCsv(text: string): ReplayRow[] {
  const lines = text.split(/\r?\n/);
  const first = lines.find((line) => line.trim() !== '') ?? '';
  return CALIT2_ROW.test(first.trim()) ? parseCalit2(lines) : parseWithHeader(lines);
}

function parseCalit2(lines: string[]): ReplayRow[] {
  const slots = new Map<string, { time: RowTime; in: number; out: number }>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const m = CALIT2_ROW.exec(line);
    if (!m)
      throw new Error(`line ${i + 1}: not a CalIt2 row (flow,MM/DD/YY,HH:MM:SS,count): ${line.slice(0, 80)}`);
    const [, flow, mm, dd, yy, hh, min, count] = m;
    const key = `${yy}${mm}${dd}${hh}${min}`;
    const wall = {
      year: 2000 + Number(yy),
      month: Number(mm),
      day: Number(dd),
      hour: Number(hh),
      minute: Number(min),
    };
    const slot = slots.get(key) ?? { time: { wall }, in: 0, out: 0 };
    if (flow === '9') slot.in += Number(count);
    else slot.out += Number(count);
    slots.set(key, slot);
  });
  return [...slots.values()].map((slot) => ({ kind: 'door', ...slot }));
}

function parseWithHeader(lines: string[]): ReplayRow[] {
  const start = lines.findIndex((line) => line.trim() !== '');
  const names = (lines[start] ?? '').split(',').map((n) => n.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  const timeCol = col('time') >= 0 ? col('time') : col('ts');
  const isDoor = col('in') >= 0 && col('out') >= 0;
  if (timeCol < 0 || (!isDoor && (col('desk') < 0 || col('occupied') < 0))) {
    throw new Error(
      'line 1: the header must name time (or ts) and either in,out (with door) or desk,occupied',
    );
  }
  const rows: ReplayRow[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    const cell = (name: string) => (col(name) >= 0 ? cells[col(name)] : undefined) || undefined;
    const fail = (why: string) => new Error(`line ${i + 1}: ${why}: ${line.slice(0, 80)}`);
    const time = parseTime(cells[timeCol] ?? '');
    if (!time) throw fail('time is not epoch ms, an ISO time or YYYY-MM-DD HH:MM');
    const site = cell('site');
    if (isDoor) {
      const [inCount, outCount] = [Number(cell('in')), Number(cell('out'))];
      if (!Number.isInteger(inCount) || !Number.isInteger(outCount) || inCount < 0 || outCount < 0) {
        throw fail('in and out must be whole numbers ≥ 0');
      }
      rows.push({
        kind: 'door',
        time,
        ...opt('site', site),
        ...opt('door', cell('door')),
        in: inCount,
        out: outCount,
      });
    } else {
      const value = (cell('occupied') ?? '').toLowerCase();
      const desk = cell('desk');
      if (!desk || (!TRUE.has(value) && !FALSE.has(value)))
        throw fail('needs a desk and occupied as 1/0 or true/false');
      rows.push({ kind: 'desk', time, ...opt('site', site), desk, occupied: TRUE.has(value) });
    }
  }
  return rows;
}

function parseTime(text: string): RowTime | undefined {
  if (/^\d{11,}$/.test(text)) return { epoch: Number(text) };
  const wall = WALL.exec(text);
  if (wall) {
    const [, year, month, day, hour, minute] = wall.map(Number);
    return {
      wall: { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0 },
    };
  }
  const epoch = Date.parse(text);
  return Number.isNaN(epoch) ? undefined : { epoch };
}

function opt<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
