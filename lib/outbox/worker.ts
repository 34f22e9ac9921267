import 'server-only';
import { hostname } from 'node:os';
import { redactLogText } from '@/lib/security/redact';
import { workerTickHooks } from './registry';
import { runOutboxBatch } from './run';

/**
 * The outbox worker loop: about once a second, claim and run due jobs, then run the tick hooks
 * (sandbox housekeeping such as due webhooks). Started by instrumentation.ts with the server and
 * by `npm run worker`. One loop per process (guarded on globalThis, so hot reloads and several
 * bundles don't start a second one); any number of processes may run it side by side.
 */

export interface OutboxWorker {
  readonly workerId: string;
  stop(): Promise<void>;
}

const g = globalThis as unknown as { __outboxWorker?: OutboxWorker };

export function defaultWorkerId(role: string): string {
  return `${role}-${hostname()}-${process.pid}`;
}

export function startOutboxWorker(
  opts: { workerId?: string; intervalMs?: number; limit?: number; log?: (line: string) => void } = {},
): OutboxWorker {
  if (g.__outboxWorker) return g.__outboxWorker;
  const workerId = opts.workerId ?? defaultWorkerId('web');
  const intervalMs = opts.intervalMs ?? 1000;
  const log = opts.log ?? ((line: string) => console.error(line));
  // The same failure every second would flood the log: say it once a minute.
  const lastSaid = new Map<string, number>();
  const say = (what: string, e: unknown) => {
    const line = `outbox worker ${workerId}: ${what}: ${redactLogText(e instanceof Error ? e.message : String(e))}`;
    const last = lastSaid.get(line) ?? 0;
    if (Date.now() - last > 60_000) {
      lastSaid.set(line, Date.now());
      log(line);
    }
  };

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();

  async function tick(): Promise<void> {
    try {
      // Drain: keep going while full batches come back, so a backlog clears quickly.
      for (let i = 0; i < 10 && !stopped; i++) {
        const results = await runOutboxBatch({ workerId, limit: opts.limit ?? 10 });
        if (results.length < (opts.limit ?? 10)) break;
      }
    } catch (e) {
      say('batch failed', e);
    }
    for (const [name, hook] of workerTickHooks()) {
      if (stopped) break;
      try {
        await hook();
      } catch (e) {
        say(`tick hook ${name} failed`, e);
      }
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, intervalMs);
    // Never keep a process alive just for the loop (tests, scripts that end).
    timer.unref?.();
  };
  schedule();

  const worker: OutboxWorker = {
    workerId,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      if (g.__outboxWorker === worker) g.__outboxWorker = undefined;
    },
  };
  g.__outboxWorker = worker;
  return worker;
}
