import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** The built app on a loopback port with its own fresh PGlite folder, sandbox on. */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SANDBOX: 'on',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

export function buildIfMissing(env: NodeJS.ProcessEnv): void {
  const dist = env.NEXT_DIST_DIR ?? '.next';
  if (existsSync(join(dist, 'BUILD_ID')) && process.env.FUZZ_BUILD !== '1') return;
  console.log('fuzz: building the app…');
  const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error('next build failed');
}

export function preflight(env: NodeJS.ProcessEnv): void {
  const r = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/preflight.ts'], { stdio: 'inherit', env });
  if (r.status !== 0) throw new Error('preflight failed');
}

export async function startServer(
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; log: string[] }> {
  const log: string[] = [];
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], { env, detached: true });
  const keep = (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log.slice(-5).join(' | ')}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, log };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy in 120 s');
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
}

/** Row count and a content hash per table: "data unchanged" means equal snapshots. */
export async function snapshotTables(pgliteDir: string, skip: RegExp): Promise<Map<string, string>> {
  const db = new PGlite(pgliteDir);
  try {
    const tables = await db.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const out = new Map<string, string>();
    for (const { name } of tables.rows) {
      if (skip.test(name)) continue;
      const r = await db.query<{ n: number; h: string }>(
        `select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${name}" t`,
      );
      out.set(name, `${r.rows[0]!.n} rows ${r.rows[0]!.h}`);
    }
    return out;
  } finally {
    await db.close();
  }
}
