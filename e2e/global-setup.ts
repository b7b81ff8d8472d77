import fs from 'node:fs';

/** Each browser run starts from an empty data directory. */
export default function globalSetup(): void {
  fs.rmSync('.tmp/e2e-data', { recursive: true, force: true });
}
