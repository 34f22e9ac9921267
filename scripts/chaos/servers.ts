import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The app under test: `next start` processes on loopback ports, sharing one database (and one
 * DATA_DIR for the generated sandbox secrets). Killed with SIGKILL and started again.
 */

export interface Instance {
  index: number;
  port: number;
  /** Loopback address it listens on (default 127.0.0.1; the split's sandbox uses 127.0.0.2). */
  host?: string;
  url: string;
  process: ChildProcess | null;
  kills: number;
}

const NEXT_BIN = join(process.cwd(), 'node_modules/next/dist/bin/next');

export function ensureBuild(force: boolean): void {
  if (!force && existsSync(join(process.cwd(), '.next/BUILD_ID'))) return;
  console.log('chaos: next build …');
  const r = spawnSync(process.execPath, [NEXT_BIN, 'build'], { stdio: 'inherit', env: { ...process.env } });
  if (r.status !== 0) throw new Error('next build failed');
}

export function migrate(env: NodeJS.ProcessEnv): void {
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/preflight.ts'], {
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) throw new Error('preflight (migrations) failed');
}

export function instanceEnv(base: NodeJS.ProcessEnv, port: number, host = '127.0.0.1'): NodeJS.ProcessEnv {
  return { ...base, PORT: String(port), APP_URL: `http://${host}:${port}` };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await healthy(url)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}

export async function start(instance: Instance, env: NodeJS.ProcessEnv): Promise<void> {
  const host = instance.host ?? '127.0.0.1';
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(instance.port), '-H', host], {
    env: instanceEnv(env, instance.port, host),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', () => undefined); // drained: partner failures are expected here
  instance.process = child;
  await waitHealthy(instance.url);
}

/** SIGKILL: no shutdown hook runs, whatever was in flight is cut. */
export async function kill(instance: Instance): Promise<void> {
  const p = instance.process;
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
  instance.process = null;
  instance.kills++;
}

export async function stop(instance: Instance): Promise<void> {
  const p = instance.process;
  if (!p || p.exitCode !== null) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  instance.process = null;
}
