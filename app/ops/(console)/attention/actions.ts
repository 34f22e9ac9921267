'use server';

import { z } from 'zod';
import { back, invalidOn } from '@/lib/actions/redirect-back';
import { validatedActionWithStaff } from '@/lib/actions/staff-action';
import { getDb } from '@/lib/db/client';
import { recordOpsAction } from '@/lib/ops/audit';
import {
  confirmWithAuthorization,
  failAndGiveBack,
  orderIdSchema,
  refundOrder,
  type ResolveResult,
  retryOrder,
} from '@/lib/orders';

/**
 * Resolving orders that need attention (lib/orders/needs-attention): staff check first, zod on the
 * form (validatedActionWithStaff), the change, then one `ops_audit` row naming who did it.
 * Outcomes come back as fixed codes in the URL (see the page's message table).
 */

const attention = { returnTo: '/ops/attention', onInvalid: invalidOn('/ops/attention') };
const orderForm = z.object({ orderId: orderIdSchema });

/** Audits the resolution (done or refused) and goes back to the list with its outcome. */
async function afterResolution(
  actor: string,
  action: 'confirm' | 'fail' | 'retry' | 'refund',
  orderId: string,
  result: ResolveResult,
  detail: Record<string, unknown> = {},
): Promise<never> {
  await recordOpsAction(await getDb(), {
    actor,
    action: `attention.${action}`,
    target: `order:${orderId}`,
    detail: { ...detail, ...result },
  });
  return result.ok
    ? back('/ops/attention', { done: action, order: orderId, outcome: result.outcome })
    : back('/ops/attention', { error: result.reason, order: orderId, detail: result.detail ?? '' });
}

export const confirmAttention = validatedActionWithStaff(
  orderForm.extend({
    authorizationId: z
      .string()
      .trim()
      .min(1, 'enter the Flexiti authorization id')
      .max(64, 'at most 64 characters')
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  }),
  async ({ orderId, authorizationId }, actor) =>
    afterResolution(actor, 'confirm', orderId, await confirmWithAuthorization(orderId, authorizationId, actor), {
      authorizationId,
    }),
  attention,
);

export const failAttention = validatedActionWithStaff(
  orderForm.extend({
    note: z.string().trim().min(3, 'say why (at least 3 characters)').max(500, 'at most 500 characters'),
  }),
  async ({ orderId, note }, actor) =>
    afterResolution(actor, 'fail', orderId, await failAndGiveBack(orderId, actor, note), { note }),
  attention,
);

export const retryAttention = validatedActionWithStaff(
  orderForm,
  async ({ orderId }, actor) => afterResolution(actor, 'retry', orderId, await retryOrder(orderId, actor)),
  attention,
);

export const refundAttention = validatedActionWithStaff(
  orderForm,
  async ({ orderId }, actor) => afterResolution(actor, 'refund', orderId, await refundOrder(orderId, actor)),
  attention,
);
