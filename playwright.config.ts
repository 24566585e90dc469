import { defineConfig } from '@playwright/test';

/**
 * e2e against a real production build (`next build` runs first in `npm run test:e2e`), served by
 * scripts/start.ts: one server per worker, each on its own port with its own temporary database.
 */
export default defineConfig({
  testDir: './e2e',
  // The PostgreSQL specs start a cluster of their own: `npm run test:pg` runs them (E2E_POSTGRES=1).
  testIgnore: process.env.E2E_POSTGRES === '1' ? [] : ['postgres.spec.ts'],
  // The specs and their support import app modules: `server-only` resolves as on Next's server.
  tsconfig: './tsconfig.scripts.json',
  outputDir: process.env.PW_OUTPUT_DIR || './test-results',
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : [['list']],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
