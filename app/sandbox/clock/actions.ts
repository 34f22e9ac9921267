'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { runOutboxBatch } from '@/lib/outbox/run';
import { advanceClock } from '@/lib/sandbox/clock';

const form = z.object({
  days: z.coerce
    .number({ error: 'days: a whole number of days' })
    .int('days: a whole number of days')
    .min(1, 'days: at least 1')
    .max(400, 'days: at most 400'),
});

/**
 * Moves the sandbox clock forward (sandbox mode only). The outbox reads the sandbox clock, so
 * jobs scheduled in that time (ORDER_FULFILLED at lastFulfillmentDate) become due; one batch runs
 * right away so QA sees the effect without waiting for the worker's next tick.
 */
export async function advanceSandboxClockAction(data: FormData): Promise<void> {
  if (!getConfig().sandbox) redirect('/');
  const parsed = form.safeParse(Object.fromEntries(data));
  if (!parsed.success) redirect(`/sandbox/clock?${new URLSearchParams({ error: parsed.error.issues[0]!.message })}`);
  const db = await getDb();
  await advanceClock(db, parsed.data!.days * 86_400_000);
  await runOutboxBatch({ workerId: 'sandbox-clock' }).catch(() => undefined);
  redirect(`/sandbox/clock?moved=${parsed.data!.days}`);
}
