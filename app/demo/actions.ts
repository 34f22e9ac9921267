'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { sandboxOnly } from '@/lib/actions/guards';
import { validatedAction } from '@/lib/actions/validated-action';
import { endCustomerSession } from '@/lib/auth';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { findTourStep } from '@/lib/sandbox/demo/tour';
import { moveSandboxClock } from '@/lib/sandbox/move-clock';
import { findPersona, SHEET_PERSONA_COOKIE } from '@/lib/sandbox/ultra/personas';

const personaId = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'must be a persona id')
  .refine((id) => findPersona(id) !== undefined, 'no such persona');
const since = z.string().regex(/^\d{1,16}$/, 'must be a time in ms');
const form = z.object({ persona: personaId, since });

/**
 * Plays `persona` from now on: whoever is signed in to the store is signed out (the tour's steps
 * start with "Continue with Flipkart"), and the sandbox consent sheet opens on this persona.
 */
async function playPersona(persona: string): Promise<void> {
  await endCustomerSession();
  (await cookies()).set(SHEET_PERSONA_COOKIE, persona, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 24 * 3600,
  });
}

/** The persona picker: a new tour, from any state (a previous tour's customer is signed out). */
export const startDemoTour = validatedAction(
  z.object({ persona: personaId }),
  async ({ persona }): Promise<void> => {
    await playPersona(persona);
    redirect(`/demo/tour/sign-in?${new URLSearchParams({ persona, since: String(Date.now()) })}`);
  },
  { guard: sandboxOnly('/'), onInvalid: () => redirect('/demo') },
);

/** "Signed in as Priya: switch to Arjun" on a tour step: sign out, then the same step again. */
export const switchTourPersona = validatedAction(
  form.extend({ step: z.string().refine((id) => findTourStep(id) !== null, 'no such step') }),
  async ({ persona, since: from, step }): Promise<void> => {
    await playPersona(persona);
    redirect(`/demo/tour/${step}?${new URLSearchParams({ persona, since: from })}`);
  },
  { guard: sandboxOnly('/'), onInvalid: () => redirect('/demo') },
);

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
