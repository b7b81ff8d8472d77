/**
 * What the SPA costs to download: builds apps/web, then reports the gzip size of the
 * JavaScript the sign-in page loads (the entry script and every chunk index.html
 * modulepreloads; a section's chunk loads only when it is shown) beside the whole bundle
 * (every .js in dist/assets). Sizes are gzip level 6, what a web server typically sends.
 * Issue 17 sets the ceiling for the sign-in page at 200 kB. `build=0` measures an existing
 * dist without rebuilding.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Benchmark } from './bench.lib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/web/dist');
const CEILING_KB = 200;

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

const round1 = (n: number) => Math.round(n * 10) / 10;

export const benchmark: Benchmark = {
  description: 'web bundle: gzip JS of the sign-in page vs the whole SPA (ceiling 200 kB)',
  async run(options) {
    if (!options.args.includes('build=0')) {
      const built = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], {
        cwd: root,
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
    const loginJsKb = login.reduce((sum, f) => sum + gzipKb(f), 0);
    const totalJsKb = all.reduce((sum, f) => sum + gzipKb(f), 0);
    const largest = all
      .map((f) => ({ f: path.basename(f), kb: gzipKb(f) }))
      .sort((a, b) => b.kb - a.kb)
      .slice(0, 5);
    console.log(`# sign-in page: ${login.length} scripts, ${loginJsKb.toFixed(1)} kB gzip`);
    console.log(`# whole bundle: ${all.length} scripts, ${totalJsKb.toFixed(1)} kB gzip`);
    for (const c of largest) console.log(`#   ${c.kb.toFixed(1).padStart(7)} kB  ${c.f}`);
    const within = loginJsKb <= CEILING_KB;
    console.log(
      `# ${within ? 'within' : 'OVER'} the ${CEILING_KB} kB ceiling for the sign-in page`,
    );
    return {
      loginJsKb: round1(loginJsKb),
      totalJsKb: round1(totalJsKb),
      loginScripts: login.length,
      totalScripts: all.length,
      ceilingKb: CEILING_KB,
      loginWithinCeiling: within ? 1 : 0,
    };
  },
};
