import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A production server the bench started: its process group, how long it took to answer, its memory. */
export interface RunningServer {
  url: string;
  coldStartMs: number;
  /** Resident memory of the server's whole process tree, MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

export interface ServerSpec {
  /** A shell command line, run with node_modules/.bin on PATH (what `npm start` runs, minus npm itself). */
  command: string;
  cwd: string;
  port: number;
  env: Record<string, string>;
  /** The path whose first 200 ends the cold start. */
  readyPath: string;
  log: string[];
}

const binPath = (root: string) => `${join(root, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;

/** Runs a command to completion (builds); rejects with its output's tail when it fails. */
export function run(command: string, cwd: string, root: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      env: { ...process.env, ...env, PATH: binPath(root) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out = (out + d).slice(-4000)));
    child.stderr.on('data', (d) => (out = (out + d).slice(-4000)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}:\n${out}`))));
  });
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS of a process and all its descendants (the shell, `next start` and its `next-server` child). */
export function treeRssMiB(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    total += rssKiB(p);
    stack.push(...childrenOf(p));
  }
  return total / 1024;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function firstOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before answering ${url}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

/** Starts a server and measures the time from spawn to the first 200 on `readyPath`. */
export async function startServer(spec: ServerSpec, root: string): Promise<RunningServer> {
  const url = `http://127.0.0.1:${spec.port}`;
  const started = performance.now();
  const child = spawn('sh', ['-c', spec.command], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, PORT: String(spec.port), PATH: binPath(root), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const keep = (d: Buffer) => {
    spec.log.push(...d.toString().split('\n').filter(Boolean));
    if (spec.log.length > 400) spec.log.splice(0, spec.log.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) process.kill(-child.pid!, 'SIGKILL');
      await exited;
    }
    // The shell can exit before the server under it has closed PGlite: wait for the whole group.
    for (let i = 0; i < 200 && groupAlive(child.pid!); i++) await sleep(50);
    if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
  };
  try {
    await firstOk(`${url}${spec.readyPath}`, child, 120_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${spec.log.slice(-30).join('\n')}`);
  }
  const coldStartMs = performance.now() - started;
  return { url, coldStartMs, rssMiB: () => treeRssMiB(child.pid!), stop };
}
