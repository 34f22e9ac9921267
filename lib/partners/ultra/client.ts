import 'server-only';
import { getConfig, type AppConfig } from '@/lib/config';
import { cachedClient } from '@/lib/partners/client-cache';
import { PartnerClient } from '@/lib/partners/client-base';
import { partnerFetch, PartnerHttpError, type PartnerResponse } from '@/lib/partners/http';
import { UltraAuthError, UltraBadGrantError, UltraProtocolError, UltraUnavailableError } from './errors';
import { postOrderState, type OmsDelivery, type OmsOrderEvent } from './oms';
import { secureToken } from './signer';
import {
  authTokenResponse,
  detectAnswerStyle,
  envelope,
  parseProfile,
  type UltraAnswerStyle,
  type UltraProfile,
} from './wire';

/**
 * The Flipkart Ultra client (docs/partners/ultra.md#secure-token-claims, #sso): sign-in on the
 * platform and order reporting to OMS (its wire shape in oms.ts). Every call goes through
 * partnerFetch (partner `ultra` or `oms`, redacted call log) with the `secureToken` header
 * (docs/partners/ultra.md#secure-token-every-call), signed by the process's one signer (signer.ts).
 */

export interface UltraSettings {
  platformUrl: string;
  omsUrl: string;
  /** docs/partners/ultra.md#client-id-forms: the merchant id (no dot) the grant exchange sends as `clientId`. */
  merchantId: string;
  clientSecret: string;
  omsTimestampUnit: 'ms' | 's';
}

export function settingsFromConfig(u: AppConfig['ultra'] = getConfig().ultra): UltraSettings {
  return {
    platformUrl: u.platformUrl,
    omsUrl: u.omsUrl,
    merchantId: u.merchantId,
    clientSecret: u.clientSecret,
    omsTimestampUnit: u.omsTimestampUnit,
  };
}

/** docs/partners/ultra.md#resource-bulk: the storefront calls `/1/resource/bulk`; the sandbox serves `/2/…` as an alias. */
const RESOURCE_BULK_PATH = '/1/resource/bulk';

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

export class UltraClient extends PartnerClient<UltraSettings> {
  override readonly partner = 'ultra';
  /** The `secureToken` header value for the next call; by default the process's signer (signer.ts). */
  private readonly secureToken: () => Promise<string>;

  constructor(settings: UltraSettings, deps: { secureToken?: () => Promise<string> } = {}) {
    super(settings);
    this.secureToken = deps.secureToken ?? secureToken;
  }

  /**
   * `GET /1/dummy` (docs/partners/ultra.md#dummy): resolves when Flipkart accepts our `secureToken` (any bare 2xx,
   * or the envelope with STATUS 200), saying which answer style the platform used
   * (docs/partners/ultra.md#answer-styles). Throws if not.
   */
  override async checkCredentials(opts: CallOptions = {}): Promise<{ style: UltraAnswerStyle }> {
    const { style } = unwrap(
      await this.call('checkSecureToken', '/1/dummy', { method: 'GET' }, opts),
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
  async exchangeGrant(
    grantToken: string,
    opts: CallOptions = {},
  ): Promise<{ accessToken: string; identityToken: string }> {
    const query = [
      `grantToken=${encodeURIComponent(grantToken)}`,
      `clientId=${encodeURIComponent(this.settings.merchantId)}`,
      `clientSecret=${encodeURIComponent(this.settings.clientSecret)}`,
    ].join('&');
    const res = await this.call(
      'exchangeGrant',
      `/1/authorization/auth?${query}`,
      { method: 'GET', retry: 'none' },
      opts,
    );
    const tokens = authTokenResponse.safeParse(unwrap(res, 'exchangeGrant', UltraBadGrantError).response);
    if (!tokens.success) throw new UltraProtocolError('Ultra exchangeGrant: no accessToken/identityToken', res.status);
    return tokens.data;
  }

  /**
   * `POST /1/resource/bulk?accessToken=…` (docs/partners/ultra.md#resource-bulk) with the scopes to read; a scope that was not
   * granted (or has no value) comes back `null` and is `null` in the profile (docs/partners/ultra.md#scope-shapes).
   */
  async fetchResources(
    accessToken: string,
    scopes: readonly string[],
    opts: CallOptions & { path?: string } = {},
  ): Promise<UltraProfile> {
    const path = `${opts.path ?? RESOURCE_BULK_PATH}?accessToken=${encodeURIComponent(accessToken)}`;
    const res = await this.call('fetchResources', path, { method: 'POST', json: scopes }, opts);
    const { response } = unwrap(res, 'fetchResources', null);
    // A map keyed by scope in either style; text or a list cannot be read as a profile.
    if (!response || typeof response !== 'object' || Array.isArray(response)) {
      throw new UltraProtocolError('Ultra fetchResources: the answer is not a map of scopes', res.status);
    }
    return parseProfile(response);
  }

  /**
   * `POST {ULTRA_OMS_URL}/3/oms` (docs/partners/ultra.md#oms): one order state change, a single attempt
   * (the outbox owns retry timing). `delivered` or `already-delivered`; OmsRetryableError to try
   * again later, OmsPermanentError when OMS rejected it for good (oms.ts).
   */
  reportOrderState(
    event: OmsOrderEvent,
    ctx: { correlationId: string; orderId?: string; timeoutMs?: number },
  ): Promise<OmsDelivery> {
    return postOrderState(this.settings, this.secureToken, event, ctx);
  }

  private async call(
    operation: string,
    path: string,
    init: { method: 'GET' | 'POST'; json?: unknown; retry?: 'safe' | 'none' },
    opts: CallOptions,
  ): Promise<PartnerResponse> {
    try {
      return await partnerFetch({
        partner: 'ultra',
        operation,
        method: init.method,
        url: `${this.settings.platformUrl}${path}`,
        headers: { secureToken: await this.secureToken(), 'cache-control': 'no-cache' },
        json: init.json,
        retry: init.retry,
        correlationId: opts.correlationId,
      });
    } catch (e) {
      if (e instanceof PartnerHttpError) throw new UltraUnavailableError(e.message, null);
      throw e;
    }
  }
}

/** The app's client for the current configuration (kept by client-cache.ts). */
export function ultraClient(): UltraClient {
  const settings = settingsFromConfig();
  return cachedClient('ultra', JSON.stringify(settings), () => new UltraClient(settings));
}
