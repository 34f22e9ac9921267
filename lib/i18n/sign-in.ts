import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { getDb } from '@/lib/db/client';
import { customers } from '@/lib/db/schema';
import { rememberLocaleCookie } from './locale';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from './locales';

/**
 * At sign-in the language choice and the customer record meet. A choice made on this device
 * (cookie) is saved on the record. Without one, a language the customer chose before (on another
 * device) comes back; English is also the record's default, so only a saved French choice is
 * restored over the browser's own language.
 */
export async function syncLocaleAtSignIn(customer: { id: string; lang: Locale }): Promise<void> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) {
    if (customer.lang !== chosen) {
      const db = await getDb();
      await db.update(customers).set({ lang: chosen, updatedAt: new Date() }).where(eq(customers.id, customer.id));
    }
  } else if (customer.lang !== DEFAULT_LOCALE) {
    await rememberLocaleCookie(customer.lang);
  }
}
