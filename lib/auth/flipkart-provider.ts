import 'server-only';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { newCorrelationId } from '@/lib/partners/http';
import { ULTRA_SCOPES, UltraBadGrantError, ultraClient, UltraUnavailableError } from '@/lib/partners/ultra';
import { syncLocaleAtSignIn } from '@/lib/i18n/sign-in';
import { getConfig } from '@/lib/config';
import { clientAddress } from '@/lib/security/rate-limit';
import { upsertFlipkartCustomer, type Customer } from './customers';
import {
  BadGrantSignIn,
  InvalidSignInRequest,
  PartnerDownSignIn,
  PartnerRejectedSignIn,
  RateLimitedSignIn,
} from './errors';
import { spendSignInAttempt } from './sign-in-limits';

const credentials = z.object({ grantToken: z.string().min(8).max(1024) });

/**
 * Sign-in with Flipkart (docs/partners/ultra.md#grant-exchange, docs/partners/ultra.md#overview): the browser hands over the
 * grant token from `getToken`; the server exchanges it, reads the profile and upserts the
 * customer. One correlation id ties the two partner calls together in the call log. The grant
 * and access tokens live only for this request: nothing stores them.
 */
async function flipkartCustomer(raw: unknown, address: string): Promise<Customer> {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) throw new InvalidSignInRequest();
  const allowed = await spendSignInAttempt(getConfig(), address);
  if (!allowed.ok) throw new RateLimitedSignIn(allowed.retryAfterS);
  const correlationId = newCorrelationId();
  try {
    const ultra = ultraClient();
    const { accessToken, identityToken } = await ultra.exchangeGrant(parsed.data.grantToken, { correlationId });
    const profile = await ultra.fetchResources(accessToken, ULTRA_SCOPES, { correlationId });
    return await upsertFlipkartCustomer(identityToken, profile);
  } catch (e) {
    if (e instanceof UltraBadGrantError) throw new BadGrantSignIn(e);
    if (e instanceof UltraUnavailableError) throw new PartnerDownSignIn(e);
    throw new PartnerRejectedSignIn(e);
  }
}

/** The Auth.js user: our customer id only (nothing else reaches the token). */
const userOf = (customer: Customer) => ({ id: customer.id });

/** The provider's `authorize` without the request's language cookie (tests call it directly). */
export async function authorizeFlipkart(raw: unknown, address: string): Promise<{ id: string }> {
  return userOf(await flipkartCustomer(raw, address));
}

export const flipkartProvider = Credentials({
  id: 'flipkart',
  name: 'Flipkart',
  credentials: { grantToken: { label: 'Grant token', type: 'text' } },
  authorize: async (input, request) => {
    const customer = await flipkartCustomer(input, clientAddress(request.headers));
    // The row just written: its language needs no second read.
    await syncLocaleAtSignIn(customer);
    return userOf(customer);
  },
});
