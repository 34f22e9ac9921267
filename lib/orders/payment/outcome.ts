import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/lib/db/client';
import { checkoutFlows, type OrderState } from '@/lib/db/schema';
import type { FlexitiAuthorization } from '@/lib/partners/flexiti';
import { afterAnswer } from '@/lib/platform/after-answer';
import { confirmationPatch, enqueueConfirmationJobs } from '../fulfilment/confirm';
import { platformNow } from '@/lib/platform/clock';
import { tryJobsNow } from '@/lib/outbox';
import { transitionOrder, type Order } from '../transitions';

/**
 * The two ends of a payment, shared by the checkout (Flexiti answered) and the reconciliation
 * (we asked Flexiti afterwards): the order becomes CONFIRMED with its fulfilment jobs in the same
 * transaction, or PAYMENT_FAILED. Both are compare-and-set from the state the caller saw, so the
 * checkout request and a reconciliation job racing on one order cannot both act.
 */

/** The flow's token and form are only needed while the payment is open (PII, secret). */
export const forgetFlow = (tx: DbOrTx, orderId: string) =>
  tx
    .update(checkoutFlows)
    .set({ accessToken: null, form: null, updatedAt: new Date() })
    .where(eq(checkoutFlows.orderId, orderId));

export async function confirmPayment(
  db: Db,
  args: {
    orderId: string;
    from: OrderState;
    cause: string;
    accountNumber: string;
    authorization: Pick<FlexitiAuthorization, 'authorizationId' | 'captureId' | 'status'>;
    detail?: Record<string, unknown>;
    /** The platform clock's now, when the caller has it (else read here). */
    at?: Date;
  },
): Promise<Order | null> {
  const { authorization: a } = args;
  const now = args.at ?? (await platformNow(db));
  const confirmed = await db.transaction(async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: args.orderId,
      from: args.from,
      to: 'CONFIRMED',
      cause: args.cause,
      detail: { authorizationId: a.authorizationId, captureId: a.captureId, status: a.status, ...args.detail },
      patch: {
        flexitiAccountNumber: args.accountNumber,
        authorizationId: a.authorizationId,
        captureId: a.captureId,
        confirmedAt: new Date(),
        // The return window and entitlement id in the same statement (lib/orders/fulfilment/confirm.ts).
        ...confirmationPatch(args.orderId, now),
      },
    });
    if (!updated) return null;
    await forgetFlow(tx, args.orderId);
    // Fulfilment seam: the outbox jobs commit with the confirmation (lib/orders/fulfilment/confirm.ts).
    const jobIds = await enqueueConfirmationJobs(tx, updated, now);
    return { updated, jobIds };
  });
  if (!confirmed) return null;
  // First attempt right after the commit, once the customer has their answer (they need not wait
  // for OpenTV and OMS: the order page says "setting up" and refreshes until the entitlement is
  // there); whatever fails is the outbox worker's to retry. Never the customer's error.
  await afterAnswer(async () => {
    await tryJobsNow(confirmed.jobIds);
  });
  return confirmed.updated;
}

export async function failPayment(
  db: Db,
  args: { orderId: string; from: OrderState; cause: string; reason: string; detail?: Record<string, unknown> },
): Promise<Order | null> {
  return db.transaction(async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: args.orderId,
      from: args.from,
      to: 'PAYMENT_FAILED',
      cause: args.cause,
      detail: args.detail,
      patch: { failureReason: args.reason },
    });
    if (updated) await forgetFlow(tx, args.orderId);
    return updated;
  });
}
