/**
 * Benchmark runner: `npm run bench -- <name> [--rounds N] [--seconds S] [--concurrency C]`
 * loads bench/<name>.bench.ts, runs it, and prints its figures as the final line of JSON.
 * Without a name it lists the benchmarks.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBenchOptions, type Benchmark } from './bench.lib';

const here = dirname(fileURLToPath(import.meta.url));
const suffix = '.bench.ts';

async function names(): Promise<string[]> {
  return (await readdir(here))
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

async function load(name: string): Promise<Benchmark> {
  const mod = (await import(pathToFileURL(join(here, name + suffix)).href)) as {
    benchmark?: Benchmark;
  };
  if (mod.benchmark === undefined)
    throw new Error(`bench/${name}${suffix} exports no \`benchmark\``);
  return mod.benchmark;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const available = await names();
  if (name === undefined || name.startsWith('-')) {
    console.log('usage: npm run bench -- <name> [--rounds N] [--seconds S] [--concurrency C]\n');
    for (const n of available) console.log(`  ${n.padEnd(24)} ${(await load(n)).description}`);
    return 0;
  }
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${available.join(', ')}`);
    return 2;
  }
  const benchmark = await load(name);
  const options = parseBenchOptions(rest);
  console.log(`# ${name}: ${benchmark.description}`);
  console.log(
    `# ${options.rounds} rounds × ${options.seconds} s, ${options.concurrency} in flight, node ${process.version}`,
  );
  const figures = await benchmark.run(options);
  // The contract of every benchmark: its last line is one JSON object of named figures.
  console.log(JSON.stringify({ bench: name, ...figures }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
