'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { sandboxOnly } from '@/lib/actions/guards';
import { validatedAction } from '@/lib/actions/validated-action';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { moveSandboxClock } from '@/lib/sandbox/move-clock';

const form = z.object({
  persona: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a persona id'),
  since: z.string().regex(/^\d{1,16}$/, 'must be a time in ms'),
});

/**
 * The tour's "move past the return window" button (sandbox only, like every /sandbox control).
 * Recorded in the ops audit as the demo tour.
 */
export const demoAdvanceClock = validatedAction(
  form,
  async (tour): Promise<void> => {
    const days = getConfig().returnWindowDays + 1;
    const db = await getDb();
    await moveSandboxClock(db, { days, actor: 'demo-tour' });
    redirect(`/demo/tour/fulfilment?${new URLSearchParams({ ...tour, moved: '1' })}`);
  },
  { guard: sandboxOnly('/'), onInvalid: () => redirect('/demo') },
);
