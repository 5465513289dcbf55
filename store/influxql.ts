// Builds InfluxQL so that nothing a user sends can become query text: every value goes through
// `influxql` as a quoted string literal, a quoted identifier or a checked integer.

/** InfluxQL's scanner reads these escapes inside quotes; a raw line break ends the string with an error. */
function escapeQuoted(value: string, quote: "'" | '"'): string {
  const escaped = value.replace(/[\\'"\n]/g, (ch) => (ch === '\n' ? '\\n' : `\\${ch}`));
  return `${quote}${escaped}${quote}`;
}

/** A fragment already made safe; `influxql` inserts it as it is. */
export class InfluxQL {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A string literal: `'it\'s'`. */
export function literal(value: string): InfluxQL {
  return new InfluxQL(escapeQuoted(value, "'"));
}

/** A double-quoted identifier (measurement, tag, field, database, retention policy): `"in"`. */
export function ident(name: string): InfluxQL {
  return new InfluxQL(escapeQuoted(name, '"'));
}

/** A dotted identifier such as `"rp"."desk_state"`; empty parts are left out. */
export function qualified(...names: (string | undefined)[]): InfluxQL {
  return new InfluxQL(
    names
      .filter((name): name is string => name !== undefined && name !== '')
      .map((name) => ident(name).text)
      .join('.'),
  );
}

/** An epoch-millisecond time literal: `1700000000000ms`. */
export function millis(value: number): InfluxQL {
  return new InfluxQL(`${integer(value).text}ms`);
}

/** An integer, checked so that no other number text (or NaN) gets in. */
export function integer(value: number): InfluxQL {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer for InfluxQL: ${value}`);
  return new InfluxQL(String(value));
}

/** Joins fragments, e.g. a column list. */
export function join(parts: readonly InfluxQL[], separator = ', '): InfluxQL {
  return new InfluxQL(parts.map((part) => part.text).join(separator));
}

/**
 * Tagged template: interpolated InfluxQL fragments go in as they are, strings become string
 * literals, numbers must be safe integers. Anything else is refused.
 * @example influxql`SELECT * FROM ${ident('desk_state')} WHERE ${ident('site')} = ${site} AND time >= ${millis(from)}`
 */
export function influxql(strings: TemplateStringsArray, ...values: (InfluxQL | string | number)[]): InfluxQL {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    if (value instanceof InfluxQL) text += value.text;
    else if (typeof value === 'string') text += literal(value).text;
    else if (typeof value === 'number') text += integer(value).text;
    else throw new TypeError(`cannot put ${typeof value} into InfluxQL`);
    text += strings[i + 1] ?? '';
  });
  return new InfluxQL(text);
}
