import 'server-only';
import { getConfig } from '@/lib/config';
import { partnerFetch, PartnerHttpError, type PartnerResponse } from '@/lib/partners/http';
import { UltraAuthError, UltraBadGrantError, UltraProtocolError, UltraUnavailableError } from './errors';
import { secureToken } from './signer';
import {
  authTokenResponse,
  detectAnswerStyle,
  envelope,
  parseProfile,
  type UltraAnswerStyle,
  type UltraProfile,
} from './wire';

export * from './errors';
export { detectAnswerStyle, ULTRA_SCOPES, type UltraAnswerStyle, type UltraProfile } from './wire';

/**
 * The Ultra platform client (docs/partners/ultra.md#secure-token-claims, #sso): every call goes through partnerFetch
 * (partner `ultra`, redacted call log) with the `secureToken` header (docs/partners/ultra.md#secure-token-every-call).
 */

/** docs/partners/ultra.md#resource-bulk: the storefront calls `/1/resource/bulk`; the sandbox serves `/2/…` as an alias. */
export const RESOURCE_BULK_PATH = '/1/resource/bulk';

interface CallOptions {
  correlationId?: string;
}

function messageOf(body: unknown): string {
  const o = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  for (const key of ['RESPONSE', 'message', 'error_description', 'error']) {
    if (typeof o[key] === 'string' && o[key]) return o[key];
  }
  return typeof body === 'string' && body.trim() ? body.trim().slice(0, 200) : 'no message';
}

interface Answer {
  /** What the platform answered: `RESPONSE` of an envelope, or the bare body. */
  response: unknown;
  style: UltraAnswerStyle;
}

/**
 * docs/partners/ultra.md#answer-styles: an answer may come bare or in the envelope, success and error alike.
 * In the envelope a 2xx succeeds only with `STATUS` 200, and a failure is mapped by `STATUS`; a bare answer
 * is decided by its HTTP status alone. Failures surface `RESPONSE`, `message` or the text of the body.
 */
function unwrap(res: PartnerResponse, operation: string, on400: typeof UltraBadGrantError | null): Answer {
  const style = detectAnswerStyle(res.body);
  const wrapped = style === 'envelope' ? envelope.safeParse(res.body) : null;
  const status = res.ok && wrapped?.success ? wrapped.data.STATUS : res.status;
  if (res.ok && wrapped?.success && status === 200) return { response: wrapped.data.RESPONSE, style };
  if (res.ok && style === 'bare') return { response: res.body, style };
  const message = `Ultra ${operation}: ${messageOf(res.body)}`;
  if (status === 429 || status >= 500) throw new UltraUnavailableError(message, status);
  if (status === 401 || status === 403) throw new UltraAuthError(message, status);
  if (status === 400 && on400) throw new on400(message, status);
  throw new UltraProtocolError(message, status);
}

async function call(
  operation: string,
  path: string,
  init: { method: 'GET' | 'POST'; json?: unknown; retry?: 'safe' | 'none' },
  opts: CallOptions,
): Promise<PartnerResponse> {
  const { ultra } = getConfig();
  try {
    return await partnerFetch({
      partner: 'ultra',
      operation,
      method: init.method,
      url: `${ultra.platformUrl}${path}`,
      headers: { secureToken: await secureToken(), 'cache-control': 'no-cache' },
      json: init.json,
      retry: init.retry,
      correlationId: opts.correlationId,
    });
  } catch (e) {
    if (e instanceof PartnerHttpError) throw new UltraUnavailableError(e.message, null);
    throw e;
  }
}

/**
 * `GET /1/dummy` (docs/partners/ultra.md#dummy): resolves when Flipkart accepts our `secureToken` (any bare 2xx,
 * or the envelope with STATUS 200), saying which answer style the platform used.
 */
export async function checkSecureToken(opts: CallOptions = {}): Promise<{ style: UltraAnswerStyle }> {
  const { style } = unwrap(
    await call('checkSecureToken', '/1/dummy', { method: 'GET' }, opts),
    'checkSecureToken',
    null,
  );
  return { style };
}

/**
 * `GET /1/authorization/auth` (docs/partners/ultra.md#grant-exchange): `clientId` is the merchant id (no dot) and `clientSecret`
 * is URL-encoded (docs/partners/ultra.md#client-id-forms (Flipkart's FAQ Q1/Q2)). Not retried: a grant token is single use, so a repeat
 * after a lost answer could only fail; the customer is asked for a new grant instead.
 */
export async function exchangeGrant(
  grantToken: string,
  opts: CallOptions = {},
): Promise<{ accessToken: string; identityToken: string }> {
  const { ultra } = getConfig();
  const query = [
    `grantToken=${encodeURIComponent(grantToken)}`,
    `clientId=${encodeURIComponent(ultra.merchantId)}`,
    `clientSecret=${encodeURIComponent(ultra.clientSecret)}`,
  ].join('&');
  const res = await call('exchangeGrant', `/1/authorization/auth?${query}`, { method: 'GET', retry: 'none' }, opts);
  const tokens = authTokenResponse.safeParse(unwrap(res, 'exchangeGrant', UltraBadGrantError).response);
  if (!tokens.success) throw new UltraProtocolError('Ultra exchangeGrant: no accessToken/identityToken', res.status);
  return tokens.data;
}

/**
 * `POST /1/resource/bulk?accessToken=…` (docs/partners/ultra.md#resource-bulk) with the scopes to read; a scope that was not
 * granted (or has no value) comes back `null` and is `null` in the profile (docs/partners/ultra.md#scope-shapes).
 */
export async function fetchResources(
  accessToken: string,
  scopes: readonly string[],
  opts: CallOptions & { path?: string } = {},
): Promise<UltraProfile> {
  const path = `${opts.path ?? RESOURCE_BULK_PATH}?accessToken=${encodeURIComponent(accessToken)}`;
  const res = await call('fetchResources', path, { method: 'POST', json: scopes }, opts);
  const { response } = unwrap(res, 'fetchResources', null);
  // A map keyed by scope in either style; text or a list cannot be read as a profile.
  if (!response || typeof response !== 'object' || Array.isArray(response)) {
    throw new UltraProtocolError('Ultra fetchResources: the answer is not a map of scopes', res.status);
  }
  return parseProfile(response);
}
