'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { sandboxOnly } from '@/lib/actions/guards';
import { validatedAction } from '@/lib/actions/validated-action';
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
export const advanceSandboxClockAction = validatedAction(
  form,
  async ({ days }): Promise<void> => {
    const db = await getDb();
    await moveSandboxClock(db, { days, actor: 'sandbox-clock-page' });
    redirect(`/sandbox/clock?moved=${days}`);
  },
  {
    guard: sandboxOnly('/'),
    onInvalid: (e) => redirect(`/sandbox/clock?${new URLSearchParams({ error: e.issues[0]!.message })}`),
  },
);
