// Fails when `npm install --package-lock-only` would change package-lock.json, so the lockfile
// cannot drift from package.json again (a stale lockfile makes `npm ci` refuse to install).
// It works on a copy in a temporary folder and never touches the working tree.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'lockfile-check-'));
try {
  for (const f of ['package.json', 'package-lock.json', '.npmrc'])
    if (existsSync(join(root, f))) copyFileSync(join(root, f), join(dir, f));
  execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const before = readFileSync(join(root, 'package-lock.json'), 'utf8');
  const after = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  if (before !== after) {
    const a = before.split('\n');
    const b = after.split('\n');
    const firstDiff = a.findIndex((line, i) => line !== b[i]);
    console.error(
      `package-lock.json is stale: \`npm install --package-lock-only\` changes it (${a.length} → ${b.length} lines, ` +
        `first difference at line ${firstDiff + 1}).\nRun \`npm install\` and commit package-lock.json.`,
    );
    process.exit(1);
  }
  console.log('package-lock.json is complete and in sync with package.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
