/**
 * Shared pieces of every benchmark: the Benchmark shape the runner loads, a closed-loop
 * load generator, rounds with medians, and the printing conventions of bench/README.md.
 */
import { parseArgs } from 'node:util';

/** What a bench file exports as `benchmark`. */
export interface Benchmark {
  /** One line shown by `npm run bench` without a name. */
  description: string;
  /** Runs the benchmark and returns the named figures for the final JSON line. */
  run(options: BenchOptions): Promise<Record<string, number>>;
}

export interface BenchOptions {
  rounds: number;
  seconds: number;
  concurrency: number;
  /** Arguments after the benchmark name, for benchmark-specific flags. */
  args: string[];
}

/** Parses the common flags: --rounds, --seconds, --concurrency. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const num = (v: unknown, fallback: number) => {
    const n = typeof v === 'string' ? Number(v) : NaN;
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    rounds: Math.floor(num(values.rounds, 5)),
    seconds: num(values.seconds, 5),
    concurrency: Math.floor(num(values.concurrency, 64)),
    args: positionals,
  };
}

export interface LoopResult {
  ok: number;
  failed: number;
  seconds: number;
  perSec: number;
  /** Failure messages by kind, for the report (first few only matter). */
  failures: Map<string, number>;
}

/**
 * Closed-loop load: `concurrency` workers each await `op` back to back for `seconds`.
 * `op` resolves true for a success; a false or a throw counts as a failure.
 */
export async function runLoop(
  op: () => Promise<boolean>,
  seconds: number,
  concurrency: number,
): Promise<LoopResult> {
  let ok = 0;
  let failed = 0;
  const failures = new Map<string, number>();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        if (await op()) ok += 1;
        else {
          failed += 1;
          failures.set('rejected', (failures.get('rejected') ?? 0) + 1);
        }
      } catch (err) {
        failed += 1;
        const kind = err instanceof Error ? err.message.slice(0, 80) : String(err);
        failures.set(kind, (failures.get(kind) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { ok, failed, seconds: elapsed, perSec: ok / elapsed, failures };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Prints one round of one loop. */
export function printRound(label: string, round: number, r: LoopResult): void {
  const fail =
    r.failed === 0
      ? ''
      : `  (${fmt(r.failed)} failed: ${[...r.failures.keys()].slice(0, 2).join('; ')})`;
  console.log(`  round ${round}  ${label.padEnd(22)} ${fmt(r.perSec).padStart(8)} /s${fail}`);
}

/** Prints a figure, the ceiling it is compared with, and their ratio. */
export function printVersus(
  label: string,
  value: number,
  ceilingLabel: string,
  ceiling: number,
): void {
  const ratio = ceiling > 0 ? value / ceiling : 0;
  console.log(
    `${label.padEnd(30)} ${fmt(value).padStart(8)} /s   vs ${ceilingLabel} ${fmt(ceiling)} /s   ratio ${ratio.toFixed(2)}`,
  );
}
