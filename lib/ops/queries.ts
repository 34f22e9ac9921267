import 'server-only';
import { and, asc, count, desc, eq, gte, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { orderIdFromSpoken } from '@/lib/orders/browser';
import {
  customers,
  integrationCalls,
  orderEvents,
  orders,
  outboxJobs,
  products,
  type OrderState,
} from '@/lib/db/schema';

/** Read models for the ops console. */

/** The order states the console filters by. */
export { ORDER_STATES } from '@/lib/db/schema';

export const ORDERS_PAGE_SIZE = 20;

export interface OrderFilter {
  state?: OrderState;
  q?: string;
  page?: number;
}

export async function listOrdersForOps(db: DbOrTx, filter: OrderFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const conditions: SQL[] = [];
  if (filter.state) conditions.push(eq(orders.state, filter.state));
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const spoken = orderIdFromSpoken(q);
    // Order id, the customer (name, email, mobile, identity) or any partner reference we hold.
    conditions.push(
      or(
        ilike(orders.id, like),
        // The reference a customer reads out (SP-ABCDE-FGHJK, lib/orders/order-id.ts) in any spacing.
        ...(spoken ? [eq(orders.id, spoken)] : []),
        ilike(customers.firstName, like),
        ilike(customers.lastName, like),
        ilike(customers.email, like),
        ilike(customers.mobile, like),
        eq(customers.identityToken, q),
        ilike(orders.referenceId, like),
        ilike(orders.authorizationId, like),
        ilike(orders.flexitiAccountNumber, like),
        ilike(orders.entitlementId, like),
        ilike(orders.opentvAccountId, like),
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: orders.id,
        state: orders.state,
        amountCents: orders.amountCents,
        currency: orders.currency,
        createdAt: orders.createdAt,
        product: products.name,
        firstName: customers.firstName,
        lastName: customers.lastName,
        email: customers.email,
      })
      .from(orders)
      .innerJoin(customers, eq(customers.id, orders.customerId))
      .innerJoin(products, eq(products.id, orders.productId))
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(ORDERS_PAGE_SIZE)
      .offset((page - 1) * ORDERS_PAGE_SIZE),
    db.select({ n: count() }).from(orders).innerJoin(customers, eq(customers.id, orders.customerId)).where(where),
  ]);
  const n = total?.n ?? 0;
  return { rows, total: n, page, pages: Math.max(1, Math.ceil(n / ORDERS_PAGE_SIZE)) };
}

export async function getOrderForOps(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ order: orders, customer: customers, product: products })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .innerJoin(products, eq(products.id, orders.productId))
    .where(eq(orders.id, id));
  if (!row) return null;
  const [events, jobs, calls] = await Promise.all([
    db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id)),
    db.select().from(outboxJobs).where(eq(outboxJobs.orderId, id)).orderBy(asc(outboxJobs.id)),
    callsForOrder(db, id),
  ]);
  return { ...row, events, jobs, calls };
}

/**
 * Every partner call of an order: the rows tagged with it, plus the rows that share their
 * correlation ids (e.g. the Keycloak token fetched for an entitlement call, which has no order id).
 */
export async function callsForOrder(db: DbOrTx, orderId: string) {
  const tagged = db
    .selectDistinct({ c: integrationCalls.correlationId })
    .from(integrationCalls)
    .where(eq(integrationCalls.orderId, orderId));
  return db
    .select()
    .from(integrationCalls)
    .where(or(eq(integrationCalls.orderId, orderId), inArray(integrationCalls.correlationId, tagged)))
    .orderBy(asc(integrationCalls.createdAt), asc(integrationCalls.id))
    .limit(500);
}

/** Every partner call since a moment (the demo tour's live diagram; sandbox mode only). */
export async function callsSince(db: DbOrTx, since: Date, limit = 200) {
  return db
    .select()
    .from(integrationCalls)
    .where(gte(integrationCalls.createdAt, since))
    .orderBy(asc(integrationCalls.createdAt), asc(integrationCalls.id))
    .limit(limit);
}

/** Outbox jobs for the console: `failed` = still pending but at least one attempt went wrong. */
export const OUTBOX_VIEWS = ['failed', 'pending', 'dead', 'running', 'done'] as const;
export type OutboxView = (typeof OUTBOX_VIEWS)[number];

export async function listOutboxForOps(db: DbOrTx, view: OutboxView, limit = 100) {
  const where =
    view === 'failed'
      ? and(eq(outboxJobs.status, 'pending'), sql`${outboxJobs.lastError} is not null`)
      : view === 'pending'
        ? and(eq(outboxJobs.status, 'pending'), sql`${outboxJobs.lastError} is null`)
        : eq(outboxJobs.status, view);
  return db.select().from(outboxJobs).where(where).orderBy(desc(outboxJobs.id)).limit(limit);
}

export async function findOutboxJob(db: DbOrTx, id: number) {
  const [row] = await db.select().from(outboxJobs).where(eq(outboxJobs.id, id));
  return row ?? null;
}

export async function outboxCounts(db: DbOrTx): Promise<Record<OutboxView, number>> {
  const rows = await db
    .select({
      status: outboxJobs.status,
      failed: sql<boolean>`${outboxJobs.lastError} is not null`,
      n: count(),
    })
    .from(outboxJobs)
    .groupBy(outboxJobs.status, sql`${outboxJobs.lastError} is not null`);
  const out: Record<OutboxView, number> = { failed: 0, pending: 0, dead: 0, running: 0, done: 0 };
  for (const r of rows) {
    const view: OutboxView = r.status === 'pending' ? (r.failed ? 'failed' : 'pending') : r.status;
    out[view] += Number(r.n);
  }
  return out;
}
