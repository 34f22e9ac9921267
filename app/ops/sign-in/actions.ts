'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { back } from '@/lib/actions/redirect-back';
import { validatedAction } from '@/lib/actions/validated-action';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { endStaffSession, getStaff, safeOpsReturnTo, setStaffCookie } from '@/lib/ops/access';
import { recordOpsAction } from '@/lib/ops/audit';
import { signInStaff } from '@/lib/ops/staff-session';
import { clientAddress } from '@/lib/security/rate-limit';

/** Staff sign-in and sign-out (the console's session). Outcomes come back as fixed codes in the URL. */

const signInForm = z.object({
  name: z.string().trim().toLowerCase().min(1, 'enter your staff name').max(40),
  password: z.string().min(1, 'enter your password').max(200),
  next: z.string().optional(),
});

export const staffSignIn = validatedAction(
  signInForm,
  async ({ name, password, next }): Promise<void> => {
    const ip = clientAddress(await headers());
    const result = await signInStaff(await getDb(), getConfig(), { name, password, ip });
    if (!result.ok) {
      back('/ops/sign-in', {
        error: result.reason,
        // The name comes back filled in: only the password is retyped.
        name,
        ...(result.reason === 'locked' ? { minutes: Math.ceil(result.retryAfterS / 60) } : {}),
        ...(next ? { next } : {}),
      });
    }
    await setStaffCookie((result as { token: string }).token);
    redirect(safeOpsReturnTo(next));
  },
  { onInvalid: () => back('/ops/sign-in', { error: 'missing' }) },
);

/** Signing out needs no staff check: without a session it only clears the cookie. */
export const staffSignOut = validatedAction(
  z.object({}),
  async (): Promise<void> => {
    const staff = await getStaff();
    if (staff) await recordOpsAction(await getDb(), { actor: staff, action: 'sign-out' });
    await endStaffSession();
    redirect('/ops/sign-in?signed_out=1');
  },
  { onInvalid: () => undefined },
); // no fields, so nothing to refuse
