// Prometheus' text exposition format (version 0.0.4), built from plain values: one small module any
// part of the API can hand its numbers to for /metrics.
// Reference: https://prometheus.io/docs/instrumenting/exposition_formats/

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Sample = { labels?: Readonly<Record<string, string>>; value: number };

export type MetricFamily = {
  /** `[a-zA-Z_:][a-zA-Z0-9_:]*`, e.g. `prossima_ingest_received_total`. */
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'summary' | 'untyped';
  samples: readonly Sample[];
};

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Renders metric families as Prometheus text; a family without samples is left out.
 * @example prometheusText([{ name: 'up', help: 'Is it up', type: 'gauge', samples: [{ value: 1 }] }])
 */
export function prometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (family.samples.length === 0) continue;
    if (!NAME.test(family.name)) throw new Error(`bad metric name: ${family.name}`);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples)
      lines.push(`${family.name}${labels(sample.labels)} ${number(sample.value)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function labels(set: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(set ?? {});
  if (entries.length === 0) return '';
  const parts = entries.map(([key, value]) => {
    if (!LABEL.test(key)) throw new Error(`bad label name: ${key}`);
    return `${key}="${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function number(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}
