'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { moveSandboxClock } from '@/lib/sandbox/move-clock';

const form = z.object({
  days: z.coerce
    .number({ error: 'days: a whole number of days' })
    .int('days: a whole number of days')
    .min(1, 'days: at least 1')
    .max(400, 'days: at most 400'),
});

/** Moves the sandbox clock forward (sandbox mode only); see moveSandboxClock. */
export async function advanceSandboxClockAction(data: FormData): Promise<void> {
  if (!getConfig().sandbox) redirect('/');
  const parsed = form.safeParse(Object.fromEntries(data));
  if (!parsed.success) redirect(`/sandbox/clock?${new URLSearchParams({ error: parsed.error.issues[0]!.message })}`);
  const db = await getDb();
  await moveSandboxClock(db, { days: parsed.data!.days, actor: 'sandbox-clock-page' });
  redirect(`/sandbox/clock?moved=${parsed.data!.days}`);
}
