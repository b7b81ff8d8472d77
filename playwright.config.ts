import { defineConfig } from '@playwright/test';

// Browser tests drive Debian's Chromium (never a downloaded browser) against the panel
// in demo mode, started fresh on its own ports and data directory.
// E2E_PORT / E2E_SIM_PORT let two checkouts run their browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 3999);
const simulatorPort = Number(process.env.E2E_SIM_PORT ?? port + 1000);
export const e2ePort = port;
export const e2eSimulatorPort = simulatorPort;
export const e2eDataDir = `.tmp/e2e-data-${port}`;
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
    // Specs read the English UI unless they choose a language; the machine's locale must not leak in.
    locale: 'en-US',
    // Without transitions axe reads settled colours, not a label fading back in.
    reducedMotion: 'reduce',
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
      KIANA_DATA_DIR: e2eDataDir,
      KIANA_SIMULATOR_PORT: String(simulatorPort),
      // Browser tests assert on what they cause; no spontaneous customer messages.
      KIANA_SIMULATOR_CHATTER_MS: '0',
      KIANA_PUBLIC_URL: `http://localhost:${port}`,
      KIANA_ADMIN_PASSWORD: e2eAdminPassword,
      LOG_LEVEL: 'warn',
    },
  },
});
