'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { validatedActionWithCustomer } from '@/lib/actions/customer-action';
import type { ActionState } from '@/lib/actions/state';
import { getDb } from '@/lib/db/client';
import { ensureOpenTvAccount, linkOpenTvAccount } from '@/lib/orders';
import { redactLogText } from '@/lib/security/redact';

export type AccountFormState = ActionState<object, object, 'refused' | 'signed_out' | 'error'> | null;

const signedOut = async (): Promise<AccountFormState> => ({
  ok: false,
  kind: 'signed_out',
  message: (await getTranslations('Account'))('signedOut'),
});

/**
 * Links an existing OpenTV account (checked at OpenTV with GET /adm/v1/accounts/{id}). The account
 * id itself is checked by linkOpenTvAccount, which answers why it refused; the customer reads that
 * in their language.
 */
export const linkOpenTvAccountAction = validatedActionWithCustomer(
  z.object({ accountId: z.unknown() }),
  async ({ accountId }, customer): Promise<AccountFormState> => {
    const t = await getTranslations('Account');
    const result = await linkOpenTvAccount(customer.id, accountId);
    if (!result.ok) {
      const minutes = Math.max(1, Math.ceil((result.retryAfterS ?? 0) / 60));
      return {
        ok: false,
        kind: 'refused',
        field: result.field,
        message: t(`linkRefused.${result.refusal}`, { minutes }),
      };
    }
    revalidatePath('/account');
    return { ok: true, message: t('linked', { id: result.accountId }) };
  },
  { onSignedOut: signedOut, onInvalid: () => null }, // accountId is checked by linkOpenTvAccount
);

/** Sets up an OpenTV account now instead of at the first purchase. */
export const createOpenTvAccountAction = validatedActionWithCustomer(
  z.object({}),
  async (_input, customer): Promise<AccountFormState> => {
    const t = await getTranslations('Account');
    try {
      const accountId = await ensureOpenTvAccount(await getDb(), customer.id);
      revalidatePath('/account');
      return { ok: true, message: t('created', { id: accountId }) };
    } catch (e) {
      console.error(`opentv account creation failed: ${redactLogText(e instanceof Error ? e.message : String(e))}`);
      return { ok: false, kind: 'error', message: t('createFailed') };
    }
  },
  { onSignedOut: signedOut, onInvalid: () => null }, // no fields, so nothing to refuse
);
