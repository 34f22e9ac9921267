import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

/**
 * e2e runs a real Chromium against `next build && next start` on a free port with a fresh PGlite
 * folder. The port and folder are chosen once in the main process and inherited by the workers.
 */
function freePort(): string {
  return execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
process.env.E2E_PORT ??= freePort();
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'storefront-e2e-'));
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

/** A browser on any machine: an env override, then Playwright's own download, then the system Chromium. */
function findBrowser(): string | undefined {
  const override = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (override) return override;
  try {
    if (existsSync(chromium.executablePath())) return undefined; // Playwright's own build
  } catch {
    /* no bundled browser */
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'])
    if (existsSync(p)) return p;
  throw new Error(
    'No Chromium found for e2e. Install one: `apt-get install -y chromium` (Debian/Ubuntu), ' +
      '`npx playwright install chromium`, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chrome/Chromium binary.',
  );
}

const skipBuild = process.env.E2E_SKIP_BUILD === '1';
const serverEnv = {
  PORT: port,
  APP_URL: baseURL,
  DATA_DIR: process.env.E2E_DATA_DIR,
  SANDBOX: 'on',
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next',
  NODE_ENV: 'production',
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-reports/e2e.json' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: findBrowser(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'mobile-chromium', use: { ...devices['Pixel 7'], browserName: 'chromium' } }],
  webServer: {
    command: `${skipBuild ? '' : 'npx next build && '}npx tsx --conditions=react-server scripts/preflight.ts && npx next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: serverEnv,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
