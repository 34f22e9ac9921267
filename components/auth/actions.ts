'use server';

import { z } from 'zod';
import { validatedActionWithCustomer } from '@/lib/actions/customer-action';
import { validatedAction } from '@/lib/actions/validated-action';
import { getDb } from '@/lib/db/client';
import { revokeSubjectSessions } from '@/lib/security/sessions';
import { signOut } from '@/lib/auth';

export const signOutOfStore = validatedAction(
  z.object({}),
  async (): Promise<void> => {
    await signOut({ redirectTo: '/' });
  },
  { onInvalid: () => undefined },
); // no fields, so nothing to refuse

/**
 * "Sign out on every device": revokes every session row of the customer (a lost phone, a shared
 * computer), so every copy of the cookie stops working at once, then signs this browser out.
 */
export const signOutEverywhere = validatedActionWithCustomer(
  z.object({}),
  async (_input, customer): Promise<void> => {
    await revokeSubjectSessions(await getDb(), 'customer', customer.id);
    await signOut({ redirectTo: '/' });
  },
  { onInvalid: () => undefined, onSignedOut: () => undefined },
);
