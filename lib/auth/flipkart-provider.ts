import 'server-only';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { newCorrelationId } from '@/lib/partners/http';
import {
  exchangeGrant,
  fetchResources,
  ULTRA_SCOPES,
  UltraBadGrantError,
  UltraUnavailableError,
} from '@/lib/partners/ultra';
import { syncLocaleAtSignIn } from '@/lib/i18n/sign-in';
import { upsertFlipkartCustomer } from './customers';
import { BadGrantSignIn, InvalidSignInRequest, PartnerDownSignIn, PartnerRejectedSignIn } from './errors';

const credentials = z.object({ grantToken: z.string().min(8).max(1024) });

/**
 * Sign-in with Flipkart (docs/partners/ultra.md#grant-exchange, docs/partners/ultra.md#overview): the browser hands over the
 * grant token from `getToken`; the server exchanges it, reads the profile and upserts the
 * customer. One correlation id ties the two partner calls together in the call log. The grant
 * and access tokens live only for this request: nothing stores them.
 */
export async function authorizeFlipkart(raw: unknown): Promise<{ id: string }> {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) throw new InvalidSignInRequest();
  const correlationId = newCorrelationId();
  try {
    const { accessToken, identityToken } = await exchangeGrant(parsed.data.grantToken, { correlationId });
    const profile = await fetchResources(accessToken, ULTRA_SCOPES, { correlationId });
    const customer = await upsertFlipkartCustomer(identityToken, profile);
    return { id: customer.id };
  } catch (e) {
    if (e instanceof UltraBadGrantError) throw new BadGrantSignIn(e);
    if (e instanceof UltraUnavailableError) throw new PartnerDownSignIn(e);
    throw new PartnerRejectedSignIn(e);
  }
}

export const flipkartProvider = Credentials({
  id: 'flipkart',
  name: 'Flipkart',
  credentials: { grantToken: { label: 'Grant token', type: 'text' } },
  authorize: async (input) => {
    const user = await authorizeFlipkart(input);
    await syncLocaleAtSignIn(user.id);
    return user;
  },
});
