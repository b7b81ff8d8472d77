/**
 * Shared pieces of every benchmark: the Benchmark shape the runner loads, a closed-loop
 * load generator, rounds with medians, and the printing conventions of bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

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

/** The repository's root (bench/..). */
/**
 * The environment of a benchmark's server process: the one the panel's launchers give it
 * (`npm start`, the Dockerfile, the systemd unit in docs/OPERATIONS.md). glibc's malloc
 * keeps up to eight arenas a core, each holding on to what its threads freed; two cost no
 * measured time and 20 MB of the million-row import's peak RSS (310 → 290 MB).
 */
export function serverEnv(): NodeJS.ProcessEnv {
  return { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Issue 17: the sign-in page's JavaScript, gzip, at most this many kB. */
export const LOGIN_JS_CEILING_KB = 200;

/** The scripts index.html makes the browser fetch before anything renders. */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>();
  for (const m of indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g))
    found.add(m[1] ?? '');
  for (const m of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    found.add(m[1] ?? '');
  found.delete('');
  return [...found];
}

function gzipKb(file: string): number {
  return gzipSync(fs.readFileSync(file), { level: 6 }).length / 1024;
}

export interface BundleSizes {
  /**
   * Gzip (level 6) kB of the scripts the sign-in page loads first, plus the largest language
   * catalogue (it loads exactly one, on demand, before its first paint).
   */
  loginJsKb: number;
  /** Gzip kB of that catalogue. */
  catalogueKb: number;
  /** Gzip kB of every .js of the build. */
  totalJsKb: number;
  loginScripts: number;
  totalScripts: number;
  /** The five largest scripts, gzip kB. */
  largest: { file: string; kb: number }[];
}

/**
 * What the SPA costs to download: optionally builds apps/web, then sums the gzip size of the
 * JavaScript the sign-in page loads (index.html's entry script and modulepreloads, and one
 * language catalogue, counted at the largest; the router and every section load only after
 * sign-in) beside every .js in dist/assets. Gzip level 6 is what a web server typically sends.
 */
export function measureWebBundle(options: { build: boolean }): BundleSizes {
  const dist = path.join(repoRoot, 'apps/web/dist');
  if (options.build) {
    const built = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const login = initialScripts(html).map((src) => path.join(dist, src.replace(/^\//, '')));
  const assets = path.join(dist, 'assets');
  const all = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(assets, f));
  const sizes = all.map((f) => ({ file: path.basename(f), kb: gzipKb(f) }));
  // Vite names a catalogue's chunk after its file (locales/<language>/translation.json).
  const languages = fs.readdirSync(path.join(repoRoot, 'apps/web/src/i18n/locales')).length;
  const catalogues = sizes.filter((s) => s.file.startsWith('translation-'));
  if (catalogues.length !== languages)
    throw new Error(`found ${catalogues.length} catalogue chunks for ${languages} languages`);
  const catalogueKb = Math.max(...catalogues.map((c) => c.kb));
  return {
    loginJsKb: login.reduce((sum, f) => sum + gzipKb(f), 0) + catalogueKb,
    catalogueKb,
    totalJsKb: sizes.reduce((sum, s) => sum + s.kb, 0),
    loginScripts: login.length + 1,
    totalScripts: all.length,
    largest: sizes.sort((a, b) => b.kb - a.kb).slice(0, 5),
  };
}

/** Prints the sign-in page's JavaScript beside the whole bundle, and the ceiling. */
export function printWebBundle(b: BundleSizes): void {
  console.log(
    `# sign-in page: ${b.loginScripts} scripts, ${b.loginJsKb.toFixed(1)} kB gzip (with its language's catalogue, the largest: ${b.catalogueKb.toFixed(1)} kB)`,
  );
  console.log(`# whole bundle: ${b.totalScripts} scripts, ${b.totalJsKb.toFixed(1)} kB gzip`);
  for (const c of b.largest) console.log(`#   ${c.kb.toFixed(1).padStart(7)} kB  ${c.file}`);
  const within = b.loginJsKb <= LOGIN_JS_CEILING_KB;
  console.log(
    `# ${within ? 'within' : 'OVER'} the ${LOGIN_JS_CEILING_KB} kB ceiling for the sign-in page (ratio ${(b.loginJsKb / LOGIN_JS_CEILING_KB).toFixed(2)})`,
  );
}

/** A `name=<number>` positional flag, or the fallback. */
export function positional(args: string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`${name}=`));
  const n = hit === undefined ? NaN : Number(hit.slice(name.length + 1));
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** The value at percentile `p` (0–100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
