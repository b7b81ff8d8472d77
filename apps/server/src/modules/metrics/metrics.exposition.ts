/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line
 * is a `# HELP`, a `# TYPE` or a sample `name{label="value",…} number`, each sample belongs to
 * a declared family, and label values are properly escaped. Throws on the first bad line.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const metricName = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const helpLine = new RegExp(`^# HELP (${metricName}) (.*)$`);
const typeLine = new RegExp(`^# TYPE (${metricName}) (counter|gauge|histogram|summary|untyped)$`);
const sampleLine = new RegExp(
  `^(${metricName})(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*)\\})? (\\S+)(?: -?\\d+)?$`,
);
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/g;

export function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const type = typeLine.exec(line);
      if (type !== null) {
        types.set(type[1] ?? '', type[2] ?? '');
        continue;
      }
      if (helpLine.test(line)) continue;
      throw new Error(`line ${i + 1}: bad comment: ${line}`);
    }
    const m = sampleLine.exec(line);
    if (m === null) throw new Error(`line ${i + 1}: bad sample: ${line}`);
    const name = m[1] ?? '';
    const raw = m[3] ?? '';
    // Prometheus reads values with Go's ParseFloat, which ignores case in NaN and Inf
    // (prom-client writes `Nan`, e.g. for the event-loop lag before its first sample).
    const special = raw.replace(/^\+/, '').toLowerCase();
    const value =
      special === 'inf'
        ? Infinity
        : special === '-inf'
          ? -Infinity
          : special === 'nan'
            ? NaN
            : Number(raw);
    if (Number.isNaN(value) && special !== 'nan')
      throw new Error(`line ${i + 1}: bad value ${raw}`);
    const family = name.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!types.has(name) && !types.has(family))
      throw new Error(`line ${i + 1}: sample of undeclared family ${name}`);
    const labels: Record<string, string> = {};
    for (const [, k = '', v = ''] of (m[2] ?? '').matchAll(labelPair)) labels[k] = v;
    samples.push({ name, labels, value });
  }
  return { types, samples };
}

/** The value of one sample, or undefined. */
export function sampleValue(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value;
}
