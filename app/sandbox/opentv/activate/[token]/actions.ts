'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { sandboxOnly } from '@/lib/actions/guards';
import { validatedAction } from '@/lib/actions/validated-action';
import { getDb } from '@/lib/db/client';
import { activateEntitlement } from '@/lib/sandbox/opentv/activation';
import { activationPageUrl, linkParams } from './messages';

const formSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{10,100}$/),
  lang: linkParams.shape.lang,
  return: linkParams.shape.return,
});

/** The "Activate" button: PENDING → ACTIVE, then OPF's webhook to the storefront (docs/partners/opentv.md#webhook-delivery). */
export const activateAction = validatedAction(
  formSchema,
  async ({ token, lang, return: back }): Promise<void> => {
    const result = await activateEntitlement(await getDb(), { token });
    redirect(activationPageUrl(token, { lang, return: back, error: result.ok ? undefined : result.reason }));
  },
  { guard: sandboxOnly('/'), onInvalid: () => redirect('/') },
);
