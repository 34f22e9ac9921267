import 'server-only';
import { getDb } from '@/lib/db/client';
import { recordOpsAction } from '@/lib/ops/audit';
import { clearQueuedFaults, listQueuedFaults, queueFaults, queuedFaultSchema } from './fault-queue';
import { createRouter, json, readJson } from './router';
import { staffOnlyHandler } from './staff-only';

/**
 * `/sandbox/faults`: queue, list and clear one-shot faults (lib/sandbox/fault-queue.ts). Staff
 * only: the request carries a staff session cookie (`ops_session`), as the console's actions do;
 * the chaos suite signs in as the sandbox demo staff. Every change is in the ops audit log.
 */
const staffOnly = (handler: Parameters<typeof staffOnlyHandler>[1]) => staffOnlyHandler('set sandbox faults', handler);

const post = staffOnly(async (req, staff) => {
  const parsed = queuedFaultSchema.safeParse(await readJson(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: 'invalid_request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message}` }, 400);
  }
  const db = await getDb();
  const queued = await queueFaults(db, parsed.data);
  await recordOpsAction(db, {
    actor: staff,
    action: 'sandbox.fault-queued',
    target: parsed.data.partner,
    detail: { ...parsed.data, body: parsed.data.body === undefined ? undefined : '(set)' },
  });
  return json({ queued }, 201);
});

const list = staffOnly(async () => json({ faults: await listQueuedFaults(await getDb()) }));

const clear = staffOnly(async (_req, staff) => {
  const db = await getDb();
  await clearQueuedFaults(db);
  await recordOpsAction(db, { actor: staff, action: 'sandbox.faults-cleared' });
  return json({ cleared: true });
});

export const faultsApi = createRouter([
  ['POST', '/', post],
  ['GET', '/', list],
  ['DELETE', '/', clear],
]);
