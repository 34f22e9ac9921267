import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': fileURLToPath(new URL('./', import.meta.url)),
  // `server-only` throws outside React Server Components; tests run server code directly.
  'server-only': fileURLToPath(new URL('./test/stubs/server-only.ts', import.meta.url)),
};

// In CI each run also writes a JSON report, which .ci/run adds up into one summary line.
const jsonReport = process.env.VITEST_JSON_REPORT;

// The database tests get the sandbox's hooks installed and the orders' jobs registered as the
// app's start-up does (the clock, the seed, the personas' accounts; every job kind), so tests of
// the core need not import lib/sandbox, and the outbox engine knows the jobs without importing them.
const setupFiles = ['./test/setup/install-sandbox.ts', './test/setup/register-order-jobs.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.db.test.ts', 'e2e/**'],
        },
      },
      {
        resolve: { alias },
        // Database-facing tests: PGlite by default, the PostgreSQL at DATABASE_URL with `npm run test:pg`.
        test: {
          name: 'db',
          setupFiles,
          include: ['**/*.db.test.ts'],
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
