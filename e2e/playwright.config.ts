import { defineConfig } from '@playwright/test';

const baseURL = process.env.E2E_BASE_URL;
if (!baseURL) throw new Error('E2E_BASE_URL is not set: run the e2e tests with `node scripts/e2e.mjs`, which starts a server for them.');

/** Drives Debian's Chromium (never a downloaded browser) against a server scripts/e2e.mjs started. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // screenshots.spec.ts takes pictures for review, only when asked (E2E_SCREENSHOT_DIR).
  testIgnore: process.env.E2E_SCREENSHOT_DIR ? [] : ['screenshots.spec.ts'],
  outputDir: '../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'line',
  // Generous for slow CI machines (decision 029); a flow that needs longer sets its own.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    viewport: { width: 1366, height: 860 },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
});
