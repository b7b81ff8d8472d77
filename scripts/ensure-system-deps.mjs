// Makes sure the system packages the tests need are present: Debian's chromium (browser
// tests) and postgresql (the integration suite runs on a real PostgreSQL server). As root
// it installs what is missing with apt; otherwise it says what to install and stops.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const missing = [];
if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
const pgRoot = '/usr/lib/postgresql';
const hasPg =
  fs.existsSync(pgRoot) &&
  fs
    .readdirSync(pgRoot)
    .some(
      (v) =>
        fs.existsSync(`${pgRoot}/${v}/bin/initdb`) && fs.existsSync(`${pgRoot}/${v}/bin/pg_ctl`),
    );
if (!hasPg) missing.push('postgresql');

if (missing.length === 0) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  process.stderr.write(
    `Missing system packages: ${missing.join(', ')}.\nInstall them first, for example:\n  sudo apt-get install -y ${missing.join(' ')}\n`,
  );
  process.exit(1);
}
process.stdout.write(`Installing system packages: ${missing.join(', ')}…\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});
