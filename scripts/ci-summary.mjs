// Adds up the JSON reports of every runner in a folder into one line: `N passed, N failed`.
// A runner that was expected but wrote no report counts as one failure, so a crash is never green.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-reports';
let passed = 0;
let failed = 0;
const read = (name) => {
  const p = join(dir, name);
  if (!existsSync(p)) {
    console.log(`no report: ${name}`);
    failed += 1;
    return null;
  }
  return JSON.parse(readFileSync(p, 'utf8'));
};

for (const name of ['vitest.json', 'vitest-pg.json']) {
  const r = read(name);
  if (r) {
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.success === false && !r.numFailedTests ? 1 : 0);
  }
}
// e2e with the sandbox inside the app, and the production path (SANDBOX=off, the sandbox on its own origin).
for (const name of ['e2e.json', 'e2e-split.json']) {
  const e2e = read(name);
  if (e2e) {
    passed += (e2e.stats?.expected ?? 0) + (e2e.stats?.flaky ?? 0);
    failed += e2e.stats?.unexpected ?? 0;
    if ((e2e.errors ?? []).length && !e2e.stats?.unexpected) failed += 1;
  }
}
// The chaos suite's invariants, each one a check.
const chaos = read('chaos.json');
if (chaos) {
  passed += chaos.passed ?? 0;
  failed += chaos.failed ?? 0;
}
// npm run partners:check against the sandbox instance: each finding a check, a FAIL a failure.
const partners = read('partners-check.json');
if (partners) {
  passed += partners.passed ?? 0;
  failed += partners.failed ?? 1;
}
// The fuzz suite's checks (no answer >= 500, no dropped connection, health and data unchanged, …).
const fuzz = read('fuzz.json');
if (fuzz) {
  passed += fuzz.passed ?? 0;
  failed += fuzz.failed ?? 1;
}
console.log(`${passed} passed, ${failed} failed`);
