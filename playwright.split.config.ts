import { defineConfig, devices } from '@playwright/test';
import base from './playwright.config';
import { FLIPKART_APP_USER_AGENT } from './e2e/support/flipkart-app';

/**
 * The production path in a browser (README "Production path"): the journey against the store
 * running with SANDBOX=off, its partners on the sandbox-only instance's origin. The pair is
 * started by `npm run split -- --run "npx playwright test -c playwright.split.config.ts"`, which
 * reuses the build e2e made and sets SPLIT_STORE_URL and SPLIT_SANDBOX_URL.
 */
const storeUrl = process.env.SPLIT_STORE_URL;
if (!storeUrl || !process.env.SPLIT_SANDBOX_URL)
  throw new Error(
    'Run it through the split: npm run split -- --run "npx playwright test -c playwright.split.config.ts"',
  );

export default defineConfig({
  ...base,
  testDir: './e2e/split',
  testMatch: '**/*.split.ts',
  webServer: undefined,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-reports/e2e-split.json' }]] : 'list',
  use: { ...base.use, baseURL: storeUrl },
  projects: [
    {
      name: 'flipkart-app',
      use: { ...devices['Pixel 7'], browserName: 'chromium', userAgent: FLIPKART_APP_USER_AGENT },
    },
  ],
});
