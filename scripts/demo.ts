/**
 * `npm run demo`: one command from a fresh clone to a running store with every partner sandboxed.
 * Builds when the sources are newer than the last build, then serves on PORT; the server migrates
 * and seeds before its first request (lib/server-start.ts), opening the database once.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configOrExit } from './config-or-exit';

const root = process.cwd();
const distDir = '.next';
// The demo is the sandboxed store unless told otherwise.
process.env.SANDBOX ??= 'on';
const config = configOrExit();
const port = config.port;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const marker = join(root, distDir, 'BUILD_ID');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public'].map((d) => newestMtime(join(root, d)));
  const files = ['package.json', 'next.config.js'].map((f) => statSync(join(root, f)).mtimeMs);
  return Math.max(...sources, ...files) > built;
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (needsBuild()) {
  console.log('demo: building the app (first run or sources changed)…');
  run(npx, ['next', 'build']);
} else {
  console.log('demo: build is up to date');
}
console.log(`demo: starting on http://localhost:${port} (sandbox ${config.sandbox ? 'on' : 'off'})`);
const server = spawn(npx, ['next', 'start', '-p', String(port)], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
