import 'server-only';
import { and, eq, exists } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { authSessions, customers, type CustomerRow } from '@/lib/db/schema';
import { activeSession } from '@/lib/security/sessions';
import type { UltraProfile } from '@/lib/partners/ultra';

export type Customer = CustomerRow;

/**
 * Creates or updates the customer Flipkart identified (docs/partners/ultra.md#identity-token: the
 * identity token is stable per user and partner, "Partner can use Identity Token as an index").
 * Each sign-in's answer wins: a scope the customer did not share this time clears what we held
 * for it, so a withdrawn permission is respected. `grantedScopes` lists the scopes that came back
 * with a value.
 */
export async function upsertFlipkartCustomer(identityToken: string, profile: UltraProfile): Promise<Customer> {
  const now = new Date();
  const fields = {
    firstName: profile.name?.first || null,
    lastName: profile.name?.last || null,
    email: profile.email?.address ?? null,
    emailVerified: profile.email?.verified ?? false,
    mobile: profile.mobile?.number ?? null,
    mobileVerified: profile.mobile?.verified ?? false,
    grantedScopes: [
      ...(profile.mobile ? ['user.mobile'] : []),
      ...(profile.email ? ['user.email'] : []),
      ...(profile.name ? ['user.name'] : []),
    ],
    lastSignInAt: now,
    updatedAt: now,
  };
  const db = await getDb();
  const [row] = await db
    .insert(customers)
    .values({ identityToken, ...fields })
    .onConflictDoUpdate({ target: customers.identityToken, set: fields })
    .returning();
  if (!row) throw new Error('customer upsert returned no row');
  return row;
}

const isCustomerId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

/**
 * The customer of a session cookie's claims, in one round trip: only while the session row
 * `sessionId` is theirs, unrevoked and unexpired (lib/security/sessions.ts), so a signed-out
 * cookie names nobody.
 */
export async function findSessionCustomer(sessionId: string, customerId: string): Promise<Customer | null> {
  if (!isCustomerId(customerId)) return null;
  const db = await getDb();
  const session = db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(activeSession('customer', sessionId, customerId));
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.id, customerId), exists(session)));
  return row ?? null;
}
