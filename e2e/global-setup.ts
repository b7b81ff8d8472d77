import fs from 'node:fs';
import { e2eDataDir } from '../playwright.config';

/** Each browser run starts from an empty data directory. */
export default function globalSetup(): void {
  fs.rmSync(e2eDataDir, { recursive: true, force: true });
}
