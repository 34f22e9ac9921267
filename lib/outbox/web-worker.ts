import 'server-only';
import { getConfig } from '@/lib/config';
import { defaultWorkerId, startOutboxWorker } from './worker';

/** The outbox worker inside the web server (lib/server-start.ts, from instrumentation.ts). A bad configuration is reported by preflight, not here. */
export function startServerOutboxWorker(): void {
  let enabled: boolean;
  try {
    enabled = getConfig().outboxWorker;
  } catch (e) {
    console.error(`outbox worker not started: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (!enabled) return;
  const worker = startOutboxWorker({ workerId: defaultWorkerId('web') });
  console.log(`outbox worker ${worker.workerId} started`);
}
