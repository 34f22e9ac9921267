'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { activateEntitlement } from '@/lib/sandbox/opentv/activation';

const formSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,100}$/) });

/** The "Activate" button: PENDING → ACTIVE, then OPF's webhook to the storefront (docs/partners/opentv.md#webhook-delivery). */
export async function activateAction(formData: FormData): Promise<void> {
  if (!getConfig().sandbox) redirect('/');
  const parsed = formSchema.safeParse({ token: formData.get('token') });
  if (!parsed.success) redirect('/');
  const { token } = parsed.data;
  const result = await activateEntitlement(await getDb(), { token });
  redirect(`/sandbox/opentv/activate/${token}${result.ok ? '' : `?error=${result.reason}`}`);
}
