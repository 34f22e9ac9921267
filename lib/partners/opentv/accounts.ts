import 'server-only';
import { randomBytes } from 'node:crypto';
import { newCorrelationId } from '@/lib/partners/http';
import { errorOf, type OpenTvCall } from './call';
import { isAccountClash, OpenTvError } from './errors';
import type { CallContext, OpenTvAccount } from './types';
import { accountSchema, createAccountResponseSchema } from './wire';

/** OpenTV's accounts (docs/partners/opentv.md#accounts), for OpenTvClient (client.ts). */

export interface CreateAccountInput extends CallContext {
  signonId: string;
  /** Our own `_id`: a retried create cannot make a second account. */
  id?: string;
  password?: string;
}

export async function getAccount(call: OpenTvCall, id: string, ctx: CallContext): Promise<OpenTvAccount | null> {
  const res = await call('getAccount', 'GET', `/adm/v1/accounts/${encodeURIComponent(id)}`, ctx);
  if (res.status === 404) return null;
  if (res.status !== 200) throw errorOf('getAccount', res);
  const body = accountSchema.safeParse(res.body);
  if (!body.success) throw new OpenTvError('getAccount', res.status, undefined, 'unexpected account body');
  return {
    id: body.data._id,
    status: body.data.status,
    accountNumber: body.data.accountNumber ?? null,
    signonId: body.data.signonId ?? null,
  };
}

export async function createAccount(call: OpenTvCall, input: CreateAccountInput): Promise<{ accountId: string }> {
  const ctx: CallContext = { correlationId: input.correlationId ?? newCorrelationId(), orderId: input.orderId };
  const res = await call('createAccount', 'POST', '/adm/v1/accounts', ctx, {
    json: {
      ...(input.id ? { _id: input.id } : {}),
      signonId: input.signonId,
      // The customer never signs in to OpenTV directly in this flow; a random password.
      password: input.password ?? randomBytes(18).toString('base64url'),
    },
    // Without our own `_id` a blind retry could create a second account.
    retry: input.id ? 'safe' : 'none',
  });
  if (res.status === 200 || res.status === 201) {
    const body = createAccountResponseSchema.safeParse(res.body);
    if (!body.success) throw new OpenTvError('createAccount', res.status, undefined, 'response has no _id');
    return { accountId: body.data._id };
  }
  // A retried create with our `_id` (its first answer was lost): it exists already, which is
  // what we wanted. OpenTV documents 400 for a clash; a real server may answer 409.
  if (isAccountClash(res.status) && input.id) {
    const existing = await getAccount(call, input.id, ctx);
    if (existing) return { accountId: existing.id };
  }
  throw errorOf('createAccount', res);
}
