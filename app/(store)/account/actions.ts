'use server';

import { revalidatePath } from 'next/cache';
import { getCurrentCustomer } from '@/lib/auth';
import { getDb } from '@/lib/db/client';
import { ensureOpenTvAccount, linkOpenTvAccount } from '@/lib/orders/opentv-account';

export type AccountFormState = { ok: boolean; message: string; field?: 'accountId' } | null;

/** Links an existing OpenTV account (checked at OpenTV with GET /adm/v1/accounts/{id}). */
export async function linkOpenTvAccountAction(_prev: AccountFormState, form: FormData): Promise<AccountFormState> {
  const customer = await getCurrentCustomer();
  if (!customer) return { ok: false, message: 'Sign in again to change your account.' };
  const result = await linkOpenTvAccount(customer.id, form.get('accountId'));
  if (!result.ok) return { ok: false, field: result.field, message: result.message };
  revalidatePath('/account');
  return { ok: true, message: `Linked OpenTV account ${result.accountId}.` };
}

/** Sets up an OpenTV account now instead of at the first purchase. */
export async function createOpenTvAccountAction(): Promise<AccountFormState> {
  const customer = await getCurrentCustomer();
  if (!customer) return { ok: false, message: 'Sign in again to change your account.' };
  try {
    const accountId = await ensureOpenTvAccount(await getDb(), customer.id);
    revalidatePath('/account');
    return { ok: true, message: `Your OpenTV account is ${accountId}.` };
  } catch (e) {
    console.error(`opentv account creation failed: ${e instanceof Error ? e.message : e}`);
    return {
      ok: false,
      message: 'OpenTV could not set up your account right now. Try again, or just buy: we set it up then.',
    };
  }
}
