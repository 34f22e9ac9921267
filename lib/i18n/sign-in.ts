import 'server-only';
import { eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { getDb } from '@/lib/db/client';
import { customers } from '@/lib/db/schema';
import { rememberLocaleCookie, resolveLocale } from './locale';
import { isLocale, LOCALE_COOKIE } from './locales';

/**
 * At sign-in the language choice and the customer record meet. A choice made on this device
 * (cookie) is saved on the record; without one, a returning customer gets the language saved on
 * their record, and a new customer's record starts in the language the page is shown in.
 */
export async function syncLocaleAtSignIn(customerId: string): Promise<void> {
  const db = await getDb();
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) return;
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const returning = !!customer.lastSignInAt && customer.createdAt.getTime() < customer.lastSignInAt.getTime() - 1000;
  if (!isLocale(chosen) && returning) {
    await rememberLocaleCookie(customer.lang);
    return;
  }
  const locale = isLocale(chosen) ? chosen : await resolveLocale();
  if (customer.lang !== locale) {
    await db.update(customers).set({ lang: locale, updatedAt: new Date() }).where(eq(customers.id, customerId));
  }
}
