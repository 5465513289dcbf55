import { z } from 'zod';
import { createExchanger, type Exchange, type ExchangeInit } from './http-exchange.ts';
import { type InfluxQL, ident, influxql } from './influxql.ts';
import { type Line, writeBody } from './write-body.ts';

// A tiny client for InfluxDB's v1 HTTP API (/write, /query, /ping), which InfluxDB 1.x, 2.x (its
// v1 compatibility API) and 3.x all serve, so one client reaches every version without a library.

/** Where InfluxDB is and how to sign in; the store's options extend this. */
export const influxConnectionSchema = z.object({
  url: z.url().default('http://127.0.0.1:8086'),
  database: z.string().min(1).default('prossima'),
  /** InfluxDB 1.x user; sent with Basic auth, never in the URL where proxies log it. */
  username: z.string().min(1).optional(),
  password: z.string().optional(),
  /** `Authorization: Token …`: an API token on 2.x/3.x, or `username:password` on 1.8+. */
  token: z.string().min(1).optional(),
  retentionPolicy: z.string().min(1).optional(),
  linesPerRequest: z.number().int().positive().default(5_000),
  timeoutMs: z.number().int().positive().default(10_000),
});

/** Refuses option combinations that cannot both be meant, naming the settings involved. */
export function checkAuth(
  options: { username?: string; password?: string; token?: string },
  ctx: z.RefinementCtx,
) {
  if (options.token !== undefined && (options.username !== undefined || options.password !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['token'],
      message: 'use either token or username/password, not both',
    });
  }
  if (options.password !== undefined && options.username === undefined) {
    ctx.addIssue({ code: 'custom', path: ['username'], message: 'password is set but username is not' });
  }
}

/** Parses options, failing with one readable message that names each bad setting. */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.infer<S> {
  const parsed = schema.safeParse(options);
  if (!parsed.success) throw new InfluxError(`invalid InfluxDB options:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export type InfluxConnectionOptions = z.input<typeof influxConnectionSchema>;
export type InfluxConnection = z.infer<typeof influxConnectionSchema>;

/** One series of a query result, as InfluxDB returns it. */
export type InfluxSeries = {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
};

/** InfluxDB answered with an error, or did not answer; the message carries InfluxDB's own words. */
export class InfluxError extends Error {
  override name = 'InfluxError';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A line InfluxDB would not take, by its index in the lines written, with InfluxDB's reason. */
export type LineRejection = { index: number; reason: string };

export type InfluxClient = {
  /**
   * Writes lines in requests of `linesPerRequest`, gzip-compressed, over keep-alive connections.
   * Lines InfluxDB refuses (HTTP 400) come back with the reason while every other line is written;
   * any other failure rejects, and the caller may write the same lines again (points overwrite).
   */
  write(lines: readonly Line[], precision?: 'ms' | 'ns'): Promise<LineRejection[]>;
  /** Runs InfluxQL built with `influxql` and returns the series of every statement, times in epoch ms. */
  query(q: InfluxQL): Promise<InfluxSeries[]>;
  ping(): Promise<void>;
  /** `CREATE DATABASE`, which does nothing on 1.x when the database exists. */
  createDatabase(): Promise<void>;
};

/**
 * @example const client = createInfluxClient({ url: 'http://127.0.0.1:8086', database: 'prossima' });
 * await client.write(['desk_state,site=hq,desk=a-01 occupied=1i 1700000000000']);
 */
export function createInfluxClient(options: InfluxConnectionOptions): InfluxClient {
  const config = parseOptions(influxConnectionSchema.superRefine(checkAuth), options);
  const request = requester(config);
  return {
    write: (lines, precision = 'ms') => writeLines(config, request, lines, precision),
    async query(q) {
      // Chunked, so a large answer comes whole however the server's max-row-limit is set.
      const params = { db: config.database, epoch: 'ms', chunked: 'true', chunk_size: '10000' };
      const response = await request('query', params, queryInit(q));
      if (!response.ok) throw failure('query', response);
      return parseChunks(response.text);
    },
    async ping() {
      const response = await request('ping', {}, { method: 'GET' });
      if (!response.ok) throw failure('ping', response);
    },
    createDatabase: () => createDatabase(config, request),
  };
}

type Request = (path: string, params: Record<string, string>, init: ExchangeInit) => Promise<Exchange>;

const queryInit = (q: InfluxQL): ExchangeInit => ({
  method: 'POST',
  body: new URLSearchParams({ q: q.text }).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

async function writeLines(
  config: InfluxConnection,
  request: Request,
  lines: readonly Line[],
  precision: 'ms' | 'ns',
): Promise<LineRejection[]> {
  const params = {
    db: config.database,
    precision,
    ...(config.retentionPolicy && { rp: config.retentionPolicy }),
  };
  const headers = { 'content-encoding': 'gzip', 'content-type': 'text/plain; charset=utf-8' };
  const send = async (indexes: readonly number[]): Promise<Exchange> => {
    const body = await writeBody(lines, indexes);
    const response = await request('write', params, { method: 'POST', body, headers });
    if (!response.ok && response.status !== 400) throw failure(`write to ${config.database}`, response);
    return response;
  };
  const rejected: LineRejection[] = [];
  for (let start = 0; start < lines.length; start += config.linesPerRequest) {
    const end = Math.min(lines.length, start + config.linesPerRequest);
    const indexes = Array.from({ length: end - start }, (_, i) => start + i);
    rejected.push(...(await writePart(send, lines, indexes)));
  }
  return rejected.sort((a, b) => a.index - b.index);
}

/**
 * Writes some lines; on a 400 finds which were refused. InfluxDB names unparsable lines, so those are
 * set aside and the rest written again; it does not name lines it refuses for a field type conflict
 * or a retention policy, so then the request is split in halves until each refused line stands alone.
 * Writing a line twice is harmless (a point overwrites itself), so re-sending accepted lines is too.
 */
async function writePart(
  send: (indexes: readonly number[]) => Promise<Exchange>,
  lines: readonly Line[],
  indexes: readonly number[],
): Promise<LineRejection[]> {
  const sent = await send(indexes);
  if (sent.ok) return [];
  const message = errorText(sent.text);
  const first = indexes[0];
  if (indexes.length === 1 && first !== undefined) return [{ index: first, reason: message }];
  // InfluxDB names refused lines by their text: only now are byte lines made into text.
  const text = new Map(indexes.map((i) => [i, String(lines[i] ?? '')]));
  const named = failedLines(sent.text, [...text.values()]);
  if (named.size > 0) {
    const bad = indexes.filter((i) => named.has(text.get(i) ?? ''));
    const rest = indexes.filter((i) => !named.has(text.get(i) ?? ''));
    const refused = bad.map((index) => ({ index, reason: named.get(text.get(index) ?? '') ?? message }));
    return rest.length === 0 ? refused : [...refused, ...(await writePart(send, lines, rest))];
  }
  const half = Math.ceil(indexes.length / 2);
  return [
    ...(await writePart(send, lines, indexes.slice(0, half))),
    ...(await writePart(send, lines, indexes.slice(half))),
  ];
}

async function createDatabase(config: InfluxConnection, request: Request): Promise<void> {
  const q = influxql`CREATE DATABASE ${ident(config.database)}`;
  const response = await request('query', {}, queryInit(q));
  const hint = 'create it on the server, or use a user allowed to';
  if (!response.ok) {
    const refused = failure(`CREATE DATABASE ${config.database}`, response);
    throw new InfluxError(`${refused.message} (${hint})`, response.status);
  }
  const error = statementError(response.text);
  if (error) throw new InfluxError(`could not create database ${config.database} (${hint}): ${error}`);
}

function requester(config: InfluxConnection): Request {
  const exchanger = createExchanger({ timeoutMs: config.timeoutMs });
  const base = config.url.endsWith('/') ? config.url : `${config.url}/`;
  const auth = config.token
    ? `Token ${config.token}`
    : config.username
      ? `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`
      : undefined;
  return async (path, params, init) => {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const headers = { ...init.headers, ...(auth && { authorization: auth }) };
    try {
      return await exchanger.send(url, { ...init, headers });
    } catch (error) {
      throw new InfluxError(
        `InfluxDB at ${config.url} did not answer /${path}: ${reason(error, config)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
  };
}

function reason(error: unknown, config: InfluxConnection): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${config.timeoutMs} ms`;
  return error instanceof Error ? error.message : String(error);
}

function failure(what: string, response: Exchange): InfluxError {
  const status = `HTTP ${response.status}${response.status === 401 ? ', check username/password or token' : ''}`;
  return new InfluxError(
    `InfluxDB refused the ${what} (${status}): ${errorText(response.text)}`,
    response.status,
  );
}

/** InfluxDB's own message: `error` on 1.x and 3.x, `message` on 2.x, else the body itself. */
function errorText(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const message = body.error ?? body.message;
    if (typeof message === 'string') return message;
  } catch {}
  return text.trim().slice(0, 2_000) || '(empty response)';
}

/**
 * The lines of a request InfluxDB named, with its reason for each. 1.x/2.x say
 * `unable to parse '<line>': <why>` (a line may itself contain `': `, so each candidate end is checked
 * against the lines sent); 3.x lists `data: [{ original_line, error_message }]`.
 */
function failedLines(text: string, sent: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  try {
    const body = JSON.parse(text) as { data?: { original_line?: unknown; error_message?: unknown }[] };
    if (Array.isArray(body.data)) {
      for (const d of body.data) {
        if (typeof d.original_line !== 'string') continue;
        const why = typeof d.error_message === 'string' ? d.error_message : errorText(text);
        found.set(d.original_line, `unable to parse: ${why}`);
      }
      return found;
    }
  } catch {}
  const message = errorText(text);
  const lines = new Set(sent);
  const marker = "unable to parse '";
  for (let at = message.indexOf(marker); at !== -1; at = message.indexOf(marker, at + 1)) {
    const start = at + marker.length;
    for (let end = message.indexOf("': ", start); end !== -1; end = message.indexOf("': ", end + 1)) {
      const candidate = message.slice(start, end);
      if (!lines.has(candidate)) continue;
      const why = message.slice(end + 3).split(/\nunable to parse '| dropped=\d+$/)[0] ?? '';
      found.set(candidate, `unable to parse: ${why.trim()}`);
      break;
    }
  }
  return found;
}

type QueryChunk = {
  error?: string;
  results?: { statement_id: number; error?: string; series?: (InfluxSeries & { partial?: boolean })[] }[];
};

/** Joins a chunked answer (one JSON document a line) back into whole series, throwing on any error. */
function parseChunks(text: string): InfluxSeries[] {
  const series: (InfluxSeries & { partial?: boolean })[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const chunk = JSON.parse(line) as QueryChunk;
    if (chunk.error) throw new InfluxError(`InfluxDB refused the query: ${chunk.error}`);
    for (const result of chunk.results ?? []) {
      if (result.error) throw new InfluxError(`InfluxDB refused the query: ${result.error}`);
      for (const next of result.series ?? []) {
        const last = series.at(-1);
        if (last?.partial) {
          last.values = last.values.concat(next.values ?? []);
          last.partial = next.partial;
        } else series.push({ ...next, values: next.values ?? [] });
      }
    }
  }
  return series.map(({ partial: _, ...whole }) => whole);
}

function statementError(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as QueryChunk;
    return body.error ?? body.results?.find((r) => r.error)?.error;
  } catch {
    return undefined;
  }
}

/** Rows of a series as objects keyed by column; missing values are null. */
export function rowsOf(series: InfluxSeries): Record<string, unknown>[] {
  return series.values.map((values) =>
    Object.fromEntries(series.columns.map((column, i) => [column, values[i] ?? null])),
  );
}
