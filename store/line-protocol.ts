// InfluxDB line protocol, written by hand: the escaping rules differ for measurements, tags and
// string fields, and getting one wrong silently turns a desk id into two tags or drops a point.
// Reference: https://docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference/

/** A field value: integers get the `i` suffix, floats stay bare, strings are quoted. */
export type FieldValue = { int: number } | { float: number } | { string: string } | { bool: boolean };

export type Point = {
  measurement: string;
  tags: Readonly<Record<string, string>>;
  /** Fields whose value is null or undefined are left out of the line, which is how InfluxDB spells null. */
  fields: Readonly<Record<string, FieldValue | null | undefined>>;
  /** A decimal integer in the write request's precision; a string so nanoseconds survive past 2^53. */
  time: string;
};

/** Thrown for a record that line protocol cannot carry; the message names the part and the reason. */
export class LineProtocolError extends Error {
  override name = 'LineProtocolError';
}

// Line protocol has no escape for a line break outside a quoted string, so one would end the line.
function refuseLineBreak(value: string, what: string): void {
  if (/[\r\n]/.test(value))
    throw new LineProtocolError(`${what} contains a line break: ${JSON.stringify(value)}`);
}

/** Measurement names: commas and spaces are escaped. */
export function escapeMeasurement(name: string): string {
  refuseLineBreak(name, 'measurement');
  if (name === '') throw new LineProtocolError('measurement is empty');
  return name.replace(/[, ]/g, '\\$&');
}

/**
 * Tag keys, tag values and field keys: commas, equals signs and spaces are escaped. Other
 * backslashes stay literal, so a backslash before one of those (or at the end) would swallow the
 * separator after it; line protocol has no way to write that, so it is refused rather than corrupting the line.
 */
export function escapeKey(value: string, what = 'tag'): string {
  // Ids and keys almost never need escaping: one scan instead of three.
  if (!/[,= \\\r\n]/.test(value)) return value;
  refuseLineBreak(value, what);
  if (/\\([,= ]|$)/.test(value)) {
    throw new LineProtocolError(
      `${what} has a backslash before a comma, equals sign, space or its end: ${JSON.stringify(value)}`,
    );
  }
  return value.replace(/[,= ]/g, '\\$&');
}

/** String field values: double quotes and backslashes are escaped; line breaks are allowed inside quotes. */
export function quoteString(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function encodeField(value: FieldValue, key: string): string {
  if ('string' in value) return quoteString(value.string);
  if ('bool' in value) return value.bool ? 'true' : 'false';
  if ('int' in value) {
    if (!Number.isSafeInteger(value.int))
      throw new LineProtocolError(`field ${key} is not an integer: ${value.int}`);
    return `${value.int}i`;
  }
  if (!Number.isFinite(value.float)) throw new LineProtocolError(`field ${key} is not a finite number`);
  return String(value.float);
}

/**
 * Encodes one point. Tags are sorted by key, as InfluxDB recommends for write speed; a tag with an
 * empty value is left out because line protocol cannot carry one.
 * @example encodePoint({ measurement: 'desk_state', tags: { desk: 'a 1' }, fields: { occupied: { int: 1 } }, time: '5' })
 * // 'desk_state,desk=a\\ 1 occupied=1i 5'
 */
export function encodePoint(point: Point): string {
  let line = escapeMeasurement(point.measurement);
  for (const key of Object.keys(point.tags).sort()) {
    const value = point.tags[key];
    if (value) line += `,${escapeKey(key, 'tag key')}=${escapeKey(value, `tag ${key}`)}`;
  }
  const fields: string[] = [];
  for (const [key, value] of Object.entries(point.fields)) {
    if (value != null) fields.push(`${escapeKey(key, 'field key')}=${encodeField(value, key)}`);
  }
  if (fields.length === 0) throw new LineProtocolError(`point in ${point.measurement} has no fields`);
  if (!/^-?\d+$/.test(point.time)) throw new LineProtocolError(`time is not an integer: ${point.time}`);
  return `${line} ${fields.join(',')} ${point.time}`;
}
