import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (never a downloaded browser) against the panel
// in demo mode, started fresh on its own ports and data directory.
const port = 3999;
export const e2eAdminPassword = 'e2e-Admin-Passw0rd!';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node apps/server/bin/kiana.js start --demo',
    url: `http://localhost:${port}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      KIANA_DATA_DIR: '.tmp/e2e-data',
      KIANA_SIMULATOR_PORT: '4999',
      // Browser tests assert on what they cause; no spontaneous customer messages.
      KIANA_SIMULATOR_CHATTER_MS: '0',
      KIANA_PUBLIC_URL: `http://localhost:${port}`,
      KIANA_ADMIN_PASSWORD: e2eAdminPassword,
      LOG_LEVEL: 'warn',
    },
  },
});
