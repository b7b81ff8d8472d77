/**
 * Contact import: a generated CSV of `--rows N` rows (default 1,000,000; numbers in mixed
 * national and international formats, a name, two attributes, a tag) is
 * 1. parsed only (decode + csv-parse, no normalising, no writes): the ceiling;
 * 2. imported through the real job on SQLite by the full app in its own process
 *    (bench/contacts-import.server.ts), whose peak RSS is measured;
 * 3. then segment sizes over the imported contacts: one tag, and tag AND attribute AND consent.
 * Targets (issue 14): import ≤ 30 s, peak RSS < 300 MB, segments ≤ 100 ms / ≤ 300 ms.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DecodeStream,
  readCsvRecords,
} from '../apps/server/src/modules/contacts/imports/imports.reader';
import { type Benchmark, median, serverEnv } from './bench.lib';

const here = path.dirname(fileURLToPath(import.meta.url));
const CEILINGS = { seconds: 30, peakRssMb: 300, segmentMs: 100, segmentComplexMs: 300 };

// `--rows N` (read from the command line: the runner's parser knows only its common flags)
// or `rows=N`.
function rowsFlag(args: string[]): number {
  const i = process.argv.indexOf('--rows');
  const v = i >= 0 ? process.argv[i + 1] : args.find((a) => a.startsWith('rows='))?.split('=')[1];
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 1_000_000;
}

/** A CSV of `rows` distinct contacts, numbers written five ways. */
async function generate(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write('phone,name,plan,spend,tags\n');
  const plans = ['gold', 'silver', 'bronze'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    // Portuguese mobiles 91x xxx xxx: 10 million distinct, valid by the numbering plan.
    const national = `91${String(i).padStart(7, '0')}`;
    const number =
      i % 5 === 0
        ? `+351${national}`
        : i % 5 === 1
          ? `+351 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`
          : i % 5 === 2
            ? `00351${national}`
            : i % 5 === 3
              ? `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`
              : `(351) ${national.slice(0, 3)}-${national.slice(3)}`;
    chunk += `${number},Contact ${i},${plans[i % 3]},${(i % 1000) / 10},tag-${i % 10}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function parseOnly(file: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  let rows = 0;
  const source = fs.createReadStream(file);
  for await (const _ of readCsvRecords(source, {
    encoding: 'utf-8',
    delimiter: ',',
    decoder: new DecodeStream('utf-8'),
  }))
    rows++;
  return { rows: rows - 1, seconds: (performance.now() - started) / 1000 };
}

interface ServerFigures {
  status: string;
  error: string | null;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  uploadSeconds: number;
  peakRssMb: number;
  segmentMs: number;
  segmentComplexMs: number;
  summary: Record<string, number>;
}

async function importInServer(file: string): Promise<ServerFigures> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'contacts-import.server.ts'), file],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: serverEnv(),
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`import server exited ${code}: ${out}`);
  return JSON.parse(line) as ServerFigures;
}

const ratio = (label: string, value: number, unit: string, ceiling: number): void =>
  console.log(
    `${label.padEnd(34)} ${value.toFixed(1).padStart(9)} ${unit.padEnd(3)} ceiling ${ceiling} ${unit}   ratio ${(value / ceiling).toFixed(2)}`,
  );

export const benchmark: Benchmark = {
  description:
    'CSV import of N contacts (default 1,000,000) through the real job on SQLite, beside parse-only speed; peak RSS; segment sizes',
  async run(options) {
    const rows = rowsFlag(options.args);
    const rounds = Math.max(1, Math.min(options.rounds, Number(process.env.BENCH_ROUNDS ?? 3)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiana-bench-csv-'));
    const file = path.join(dir, 'contacts.csv');
    try {
      await generate(file, rows);
      console.log(
        `generated ${rows.toLocaleString('en-US')} rows, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`,
      );
      const runs: { parse: number; server: ServerFigures }[] = [];
      for (let r = 1; r <= rounds; r++) {
        const parse = await parseOnly(file);
        const server = await importInServer(file);
        if (server.status !== 'done') throw new Error(`import ${server.status}: ${server.error}`);
        const parseRps = parse.rows / parse.seconds;
        console.log(
          `  round ${r}  parse ${Math.round(parseRps).toLocaleString('en-US')} rows/s   import ${server.seconds.toFixed(1)} s (cpu ${server.cpuSeconds.toFixed(1)} s, load ${os.loadavg()[0]?.toFixed(1)}, ${Math.round(server.rows / server.seconds).toLocaleString('en-US')} rows/s, upload ${server.uploadSeconds.toFixed(1)} s)   peak RSS ${server.peakRssMb.toFixed(0)} MB   segment ${server.segmentMs.toFixed(1)} / ${server.segmentComplexMs.toFixed(1)} ms   ${JSON.stringify(server.summary)}`,
        );
        runs.push({ parse: parseRps, server });
      }
      const seconds = median(runs.map((x) => x.server.seconds));
      const rowsPerSec = rows / seconds;
      const parseRowsPerSec = median(runs.map((x) => x.parse));
      const cpuSeconds = median(runs.map((x) => x.server.cpuSeconds));
      const peakRssMb = median(runs.map((x) => x.server.peakRssMb));
      const segmentMs = median(runs.map((x) => x.server.segmentMs));
      const segmentComplexMs = median(runs.map((x) => x.server.segmentComplexMs));
      console.log(
        `import ${Math.round(rowsPerSec).toLocaleString('en-US')} rows/s vs parse-only ${Math.round(parseRowsPerSec).toLocaleString('en-US')} rows/s   ratio ${(rowsPerSec / parseRowsPerSec).toFixed(2)}`,
      );
      ratio('import time (median)', seconds, 's', CEILINGS.seconds);
      ratio('import CPU time (median)', cpuSeconds, 's', CEILINGS.seconds);
      ratio('server peak RSS (median)', peakRssMb, 'MB', CEILINGS.peakRssMb);
      ratio('segment: one tag (median)', segmentMs, 'ms', CEILINGS.segmentMs);
      ratio('segment: tag+attribute+consent', segmentComplexMs, 'ms', CEILINGS.segmentComplexMs);
      return {
        rows,
        seconds,
        rowsPerSec,
        parseRowsPerSec,
        parseRatio: rowsPerSec / parseRowsPerSec,
        cpuSeconds,
        loadAverage: os.loadavg()[0] ?? 0,
        peakRssMb,
        segmentMs,
        segmentComplexMs,
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
