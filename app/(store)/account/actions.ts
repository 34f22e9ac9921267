'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { getCurrentCustomer } from '@/lib/auth';
import { getDb } from '@/lib/db/client';
import { ensureOpenTvAccount, linkOpenTvAccount } from '@/lib/orders/opentv-account';
import { redactLogText } from '@/lib/partners/redact';

export type AccountFormState = { ok: boolean; message: string; field?: 'accountId' } | null;

/** Links an existing OpenTV account (checked at OpenTV with GET /adm/v1/accounts/{id}). */
export async function linkOpenTvAccountAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const t = await getTranslations('Account');
  const customer = await getCurrentCustomer();
  if (!customer) return { ok: false, message: t('signedOut') };
  const result = await linkOpenTvAccount(customer.id, form.get('accountId'));
  if (!result.ok) return { ok: false, field: result.field, message: result.message };
  revalidatePath('/account');
  return { ok: true, message: t('linked', { id: result.accountId }) };
}

/** Sets up an OpenTV account now instead of at the first purchase. */
export async function createOpenTvAccountAction(): Promise<AccountFormState> {
  const t = await getTranslations('Account');
  const customer = await getCurrentCustomer();
  if (!customer) return { ok: false, message: t('signedOut') };
  try {
    const accountId = await ensureOpenTvAccount(await getDb(), customer.id);
    revalidatePath('/account');
    return { ok: true, message: t('created', { id: accountId }) };
  } catch (e) {
    console.error(`opentv account creation failed: ${redactLogText(e instanceof Error ? e.message : String(e))}`);
    return { ok: false, message: t('createFailed') };
  }
}
