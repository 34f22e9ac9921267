import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { defineJob } from '@/lib/outbox';
import { raiseAttention } from '../attention';
import { refundCancelledOrder } from '../cancel/refund';

/**
 * Returns a cancelled order's money at Flexiti and enqueues ORDER_CANCELLED with the amount.
 * Flexiti unavailable (or no clear answer) → retried; a business rejection (e.g.
 * return_date_exceeded) → dead, and the order raised to staff (`refund_failed`): a person must
 * refund by hand, and OMS is not told a refund that did not happen.
 */
export const refundJobKey = (orderId: string) => `refund:${orderId}`;

export const refundJob = defineJob({
  kind: 'order.refund',
  payload: z.object({ orderId: z.string().min(1) }),
  dedupeKey: ({ orderId }) => refundJobKey(orderId),
  orderId: ({ orderId }) => orderId,
  async handle({ orderId }, { correlationId }) {
    await refundCancelledOrder(orderId, { correlationId });
  },
  async onPermanentFailure({ orderId }, { reason }) {
    // A person must give the money back (the ops "needs attention" list); the job stays dead
    // with its error as evidence.
    const db = await getDb();
    await db.transaction((tx) =>
      raiseAttention(tx, { orderId, state: 'CANCELLED', reason: 'refund_failed', detail: { error: reason } }),
    );
  },
});
