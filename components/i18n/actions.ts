'use server';

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated-action';
import { getCurrentCustomer } from '@/lib/auth';
import { getDb } from '@/lib/db/client';
import { customers } from '@/lib/db/schema';
import { rememberLocaleCookie } from '@/lib/i18n/locale';
import { LOCALES } from '@/lib/i18n/locales';

const input = z.object({ locale: z.enum(LOCALES, { error: 'locale: must be "en" or "fr"' }) });

/**
 * The header's language switch: remembers the choice in a cookie and, for a signed-in customer,
 * on their record (so it follows them to another device and into Flexiti's `lang`). Signed out is
 * fine here, so the plain validatedAction; a forged value changes nothing.
 */
export const setLocaleAction = validatedAction(
  input,
  async ({ locale }): Promise<void> => {
    await rememberLocaleCookie(locale);
    const customer = await getCurrentCustomer();
    if (customer && customer.lang !== locale) {
      const db = await getDb();
      await db.update(customers).set({ lang: locale, updatedAt: new Date() }).where(eq(customers.id, customer.id));
    }
  },
  { onInvalid: () => undefined },
);
