import 'server-only';
import type { Db } from '@/lib/db/client';
import { recordOpsAction } from '@/lib/ops/audit';
import { resetPartnerClients } from '@/lib/partners/client-cache';
import { runOutboxBatch } from '@/lib/outbox';
import { advanceClock } from './clock';

/**
 * The one way a person moves the sandbox clock (ops console, the QA clock page, the demo tour):
 * advance it, record who did it in the ops audit, and run one outbox batch right away so jobs
 * that just became due (ORDER_FULFILLED at lastFulfillmentDate) show their effect without
 * waiting for the worker's next tick. A failing batch is left to the worker.
 *
 * The sandboxes check token expiry on their clock, so the tokens this process holds just expired
 * for them: the cached clients are dropped first, and the next call asks for a fresh token instead
 * of getting a 401 (another instance recovers through its client's 401 retry).
 */
export async function moveSandboxClock(db: Db, args: { days: number; actor: string }): Promise<number> {
  const offsetMs = await advanceClock(db, args.days * 86_400_000);
  resetPartnerClients();
  await recordOpsAction(db, { actor: args.actor, action: 'sandbox.clock', detail: { days: args.days, offsetMs } });
  await runOutboxBatch({ workerId: `clock:${args.actor}` }).catch(() => undefined);
  return offsetMs;
}
