import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { authSessions, customers, orderEvents, orders, products } from '@/lib/db/schema';
import { enqueueConfirmationJobs, findLivePlan, newOrderId, transitionOrder } from '@/lib/orders';
import { tryJobsNow } from '@/lib/outbox';
import { resetPartnerClients } from '@/lib/partners/client-cache';
import { seedSandboxes } from '@/lib/sandbox/seed';
import { findPersona, identityTokenFor } from '@/lib/sandbox/ultra/personas';

/**
 * Sandbox-mode tools behind the ops console's sandbox page. Callers check `config.sandbox` and
 * staff access; these functions only do the work.
 */

/**
 * Kept by a reset: the catalog, the audit trail (who reset), the migrations ledger, and the
 * sessions table (staff stay signed in; customer sessions are deleted below).
 */
const KEPT_TABLES = new Set(['products', 'ops_audit', '__drizzle_migrations', 'auth_sessions']);

/**
 * Resets the sandbox: every sandbox partner's state (sandbox_* incl. controls and the clock) and
 * the store's customers, orders, outbox and call log; then re-seeds the sandboxes. The catalog
 * stays. Customers signed in before the reset are signed out in effect (their row is gone).
 */
export async function resetSandboxData(db: Db): Promise<string[]> {
  const result = await db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const rows =
    (result as unknown as { rows?: { tablename: string }[] }).rows ?? (result as unknown as { tablename: string }[]);
  const names = rows.map((r) => r.tablename).filter((n) => !KEPT_TABLES.has(n));
  if (names.length) {
    await db.execute(sql.raw(`truncate ${names.map((n) => `"${n}"`).join(', ')} restart identity cascade`));
  }
  await db.delete(authSessions).where(eq(authSessions.kind, 'customer'));
  await seedSandboxes(db);
  // The partner sandboxes forgot the tokens they issued: drop this process's cached clients so the
  // next call starts with fresh tokens (other instances recover through the clients' 401 retry).
  resetPartnerClients();
  return names;
}

/**
 * QA shortcut (sandbox only): a CONFIRMED order for a persona without the Flexiti step, so the
 * fulfilment jobs (OpenTV entitlement, OMS ORDER_CONFIRMED) run for real against the sandboxes.
 * Used by the e2e tests of the outbox and the diagram before or beside the real checkout.
 */
export async function createTestOrder(
  db: Db,
  input: { personaId: string; productSlug: string; actor: string },
): Promise<{ orderId: string; jobIds: number[] } | { error: string }> {
  const persona = findPersona(input.personaId);
  if (!persona) return { error: `persona: no persona "${input.personaId}"` };
  const [product] = await db.select().from(products).where(eq(products.slug, input.productSlug));
  if (!product) return { error: `product: no product "${input.productSlug}"` };
  const config = getConfig();
  const identityToken = identityTokenFor(config.ultra.merchantId, persona);
  const orderId = newOrderId();
  const now = new Date();
  const made = await db.transaction(async (tx): Promise<number[] | { error: string }> => {
    const [customer] = await tx
      .insert(customers)
      .values({
        identityToken,
        firstName: persona.name?.firstName ?? null,
        lastName: persona.name?.lastName ?? null,
        email: persona.email?.email ?? null,
        emailVerified: persona.email?.isVerified ?? false,
        mobile: persona.mobile.mobileNumber,
        mobileVerified: persona.mobile.isVerified,
        opentvAccountId: persona.opentvAccountId,
      })
      .onConflictDoUpdate({ target: customers.identityToken, set: { updatedAt: now } })
      .returning();
    // One live plan per product (docs/refund-policy.md#one-live-plan), for test orders too.
    const live = await findLivePlan(tx, customer!.id, product.id);
    if (live) return { error: `product: ${persona.id} already holds "${product.slug}" (order ${live.id})` };
    await tx.insert(orders).values({
      id: orderId,
      customerId: customer!.id,
      productId: product.id,
      state: 'PENDING_PAYMENT',
      amountCents: product.priceCents,
      currency: product.currency,
      opentvAccountId: customer!.opentvAccountId ?? persona.opentvAccountId,
    });
    await tx.insert(orderEvents).values({
      orderId,
      fromState: null,
      toState: 'PENDING_PAYMENT',
      cause: 'ops test order',
      detail: { by: input.actor },
    });
    const order = await transitionOrder(tx, {
      orderId,
      from: 'PENDING_PAYMENT',
      to: 'CONFIRMED',
      cause: 'ops test order: payment skipped (sandbox)',
      detail: { by: input.actor },
      patch: { confirmedAt: now },
    });
    // The entitlement and the ORDER_CONFIRMED report, as for a paid checkout.
    return enqueueConfirmationJobs(tx, order!);
  });
  if (!Array.isArray(made)) return made;
  await tryJobsNow(made);
  return { orderId, jobIds: made };
}
