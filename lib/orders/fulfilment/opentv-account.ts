import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { customers, type CustomerRow } from '@/lib/db/schema';
import { isPartnerError } from '@/lib/partners/errors';
import { openTvClient, type CallContext } from '@/lib/partners/opentv';
import { hit } from '@/lib/security/rate-limit';
import { platformHook } from '@/lib/platform/hooks';

/**
 * The customer's OpenTV account (docs/partners/opentv.md#accounts; docs/partners/opentv.md#accounts: "The customer must already have
 * an account in OpenTV Platform"). It comes from linking an existing account (checked with
 * `GET /adm/v1/accounts/{id}`, docs/partners/opentv.md#accounts) or, at the first purchase, from creating one.
 */

/**
 * Why a link was refused: a key of the `Account.linkRefused` messages, so the customer reads it in
 * their language (the account page renders it; `retryAfterS` fills in `tooManyAttempts`).
 */
export const LINK_REFUSALS = [
  'enterAccountId',
  'accountIdTooLong',
  'accountIdCharacters',
  'needsVerifiedEmail',
  'tooManyAttempts',
  'unreachable',
  'cannotLink',
] as const;
export type LinkRefusal = (typeof LINK_REFUSALS)[number];

// docs/partners/opentv.md#accounts: account ids are opaque and must not be personal data; the sandbox uses the same rule.
export const opentvAccountIdSchema = z
  .string({ error: 'enterAccountId' satisfies LinkRefusal })
  .trim()
  .min(1, 'enterAccountId' satisfies LinkRefusal)
  .max(64, 'accountIdTooLong' satisfies LinkRefusal)
  .regex(/^[A-Za-z0-9_-]+$/, 'accountIdCharacters' satisfies LinkRefusal);

export type LinkResult =
  | { ok: true; accountId: string; accountNumber: string | null }
  | { ok: false; field: 'accountId'; refusal: LinkRefusal; retryAfterS?: number };

const refused = (refusal: LinkRefusal, retryAfterS?: number): LinkResult => ({
  ok: false,
  field: 'accountId',
  refusal,
  ...(retryAfterS === undefined ? {} : { retryAfterS }),
});

/**
 * Links an existing OpenTV account, only with proof that it is the customer's: OpenTV's record
 * must be ACTIVE and its `signonId` must be the customer's verified e-mail (docs/partners/opentv.md).
 * Whether the id exists, is suspended or belongs to someone else gets one message, and attempts are
 * limited per customer, so the form cannot be used to probe OpenTV with our admin credentials.
 */
export async function linkOpenTvAccount(customerId: string, rawAccountId: unknown): Promise<LinkResult> {
  const parsed = opentvAccountIdSchema.safeParse(rawAccountId);
  if (!parsed.success) return refused(parsed.error.issues[0]!.message as LinkRefusal);
  const accountId = parsed.data;
  const db = await getDb();
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  const email = customer?.emailVerified ? customer.email?.trim().toLowerCase() : null;
  if (!email) return refused('needsVerifiedEmail');
  const limit = await hit('accountLink', customerId);
  if (!limit.ok) return refused('tooManyAttempts', limit.retryAfterS);
  let account;
  try {
    account = await openTvClient().getAccount(accountId);
  } catch (e) {
    console.error(`opentv account check failed: ${e instanceof Error ? e.name : 'unknown'}`);
    return refused('unreachable');
  }
  const yours = account?.status === 'ACTIVE' && account.signonId?.trim().toLowerCase() === email;
  if (!account || !yours) return refused('cannotLink');
  await db
    .update(customers)
    .set({ opentvAccountId: account.id, updatedAt: new Date() })
    .where(eq(customers.id, customerId));
  return { ok: true, accountId: account.id, accountNumber: account.accountNumber };
}

/**
 * An OpenTV account the customer already has, when something knows one (the sandbox hook: the
 * Flipkart sandbox personas already have OpenTV accounts, seeded, like real customers who
 * subscribed before). The account page suggests linking it; the first purchase links it when
 * nothing is linked yet (creating a second account for the same sign-on would clash).
 */
export function suggestedOpenTvAccount(identityToken: string): string | null {
  return platformHook('suggestOpenTvAccount')?.(identityToken) ?? null;
}

/** Our `_id` for an account we create: derived from our customer id, so a retry cannot make two. */
export const accountIdForCustomer = (customerId: string) => `sf-${customerId}`;

async function remember(db: DbOrTx, customerId: string, accountId: string): Promise<string> {
  // Never overwrite an account the customer linked meanwhile: theirs wins.
  await db
    .update(customers)
    .set({ opentvAccountId: accountId, updatedAt: new Date() })
    .where(and(eq(customers.id, customerId), isNull(customers.opentvAccountId)));
  const [row] = await db.select({ id: customers.opentvAccountId }).from(customers).where(eq(customers.id, customerId));
  return row?.id ?? accountId;
}

/**
 * The customer's OpenTV account id: the linked one, else (sandbox) the persona's, else a new
 * account created now. Called by the entitlement job before it creates the entitlement.
 */
export async function ensureOpenTvAccount(db: DbOrTx, customerId: string, ctx: CallContext = {}): Promise<string> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw new Error(`no customer ${customerId}`);
  if (customer.opentvAccountId) return customer.opentvAccountId;

  const suggested = suggestedOpenTvAccount(customer.identityToken);
  if (suggested && (await openTvClient().getAccount(suggested, ctx))) return remember(db, customerId, suggested);

  const id = accountIdForCustomer(customer.id);
  // docs/partners/opentv.md#accounts: `signonId` is the customer's e-mail. Without a verified one (or if OpenTV already has
  // an account on it) the sign-on is a synthetic address that identifies nobody.
  const synthetic = `${customer.id}@customers.${getConfig().ultra.merchantId}.invalid`;
  const signonIds = customer.email && customer.emailVerified ? [customer.email, synthetic] : [synthetic];
  for (const [i, signonId] of signonIds.entries()) {
    try {
      const { accountId } = await openTvClient().createAccount({ id, signonId, ...ctx });
      return remember(db, customerId, accountId);
    } catch (e) {
      const last = i === signonIds.length - 1;
      if (last || !(isPartnerError(e) && e.alreadyExists)) throw e;
      // The e-mail is taken at OpenTV: most likely the customer's own existing account. Go on
      // with the synthetic sign-on, and offer the customer to link theirs (/account, order page).
      await db
        .update(customers)
        .set({ opentvSignonConflictAt: new Date(), updatedAt: new Date() })
        .where(eq(customers.id, customerId));
    }
  }
  throw new Error('unreachable');
}

/**
 * OpenTV already knew the customer's e-mail when we created their account, and they still use
 * the account we created: they may want to link their own instead.
 */
export function hasOpenTvSignonConflict(
  customer: Pick<CustomerRow, 'id' | 'opentvAccountId' | 'opentvSignonConflictAt'>,
): boolean {
  return !!customer.opentvSignonConflictAt && customer.opentvAccountId === accountIdForCustomer(customer.id);
}
