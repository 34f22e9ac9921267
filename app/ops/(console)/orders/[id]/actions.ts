'use server';

import { z } from 'zod';
import { back, invalidOn } from '@/lib/actions/redirect-back';
import { validatedActionWithStaff } from '@/lib/actions/staff-action';
import { getDb } from '@/lib/db/client';
import { recordOpsAction } from '@/lib/ops/audit';
import { revokeSubjectSessions } from '@/lib/security/sessions';

/**
 * The order page's customer tools: staff check first, zod on the form (validatedActionWithStaff),
 * the change, then one `ops_audit` row naming who did it. Outcomes come back as fixed codes in the
 * URL (see the page's message table).
 */

const customerSessionsForm = z.object({
  customerId: z.uuid('must be a customer id'),
  orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an order id'),
});

/**
 * Ends every session of a customer (a compromised account, a customer's request): each copy of
 * their cookie stops working at once; audited with who did it and how many sessions ended.
 */
export const endCustomerSessions = validatedActionWithStaff(
  customerSessionsForm,
  async ({ customerId, orderId }, actor): Promise<void> => {
    const db = await getDb();
    const ended = await revokeSubjectSessions(db, 'customer', customerId);
    await recordOpsAction(db, {
      actor,
      action: 'customer.sessions-ended',
      target: `customer:${customerId}`,
      detail: { sessions: ended, fromOrder: orderId },
    });
    back(`/ops/orders/${encodeURIComponent(orderId)}`, { sessionsEnded: ended });
  },
  { returnTo: '/ops', onInvalid: invalidOn('/ops') },
);
