import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { partnerFetch, PartnerHttpError, type HttpMethod } from '@/lib/partners/http';
import { FlexitiError, isOutcomeUnknownAnswer, toFlexitiError } from './errors';
import { TokenCache, type FlexitiScope, type IssuedToken } from './token-cache';
import type { FlexitiDeps, FlexitiSettings, FlowContext } from './types';
import { tokenResponseSchema } from './wire';

/**
 * The one way FlexitiClient and its resources (./checkout.ts, ./money.ts, ./authorizations.ts) call the Flexiti
 * POS API (docs/partners/flexiti.md): customer-scope token for widget/init, /apply and
 * /authorization; merchant-scope token for capture, release, return and the GETs
 * (docs/partners/flexiti.md#token-scopes). Every call goes through partnerFetch (partner
 * `flexiti`, redacted call log); the answer is parsed with the call's schema here.
 */

/** docs/partners/flexiti.md#reference-id: a UUID v4 without hyphens, one per checkout flow. */
export function newFlexitiReferenceId(): string {
  return randomUUID().replace(/-/g, '');
}

/** Cents in the app, dollars on the wire. */
export const dollars = (cents: number) => Math.round(cents) / 100;

export interface CallSpec<S extends z.ZodType> {
  operation: string;
  method: HttpMethod;
  /** Under `{base}/flexiti/pos-api/`, e.g. `${caller.v251}/authorization`. */
  path: string;
  scope: FlexitiScope;
  schema: S;
  json?: unknown;
  query?: Record<string, string | undefined>;
  flow?: Partial<FlowContext>;
  /** Never repeat a call that moves money or opens credit (no idempotency key at Flexiti). */
  unsafe?: boolean;
  minTokenLifeMs?: number;
}

export class FlexitiCaller {
  /** `{base}/flexiti/pos-api/v2.5` (the token endpoint). */
  private readonly v25: string;
  /** The v2.5.1 client root (authorizations and their money). */
  readonly v251: string;
  /** The v2.5 client root (widget/init, /apply). */
  readonly client: string;
  readonly now: () => number;
  // The merchant-scope token stays on the server: one cached per client is fine.
  private readonly tokens: TokenCache;

  constructor(
    private readonly settings: FlexitiSettings,
    deps: FlexitiDeps = {},
  ) {
    const api = `${settings.baseUrl.replace(/\/+$/, '')}/flexiti/pos-api`;
    const id = encodeURIComponent(settings.clientId);
    this.v25 = `${api}/v2.5`;
    this.v251 = `${api}/v2.5.1/client-id/${id}`;
    this.client = `${this.v25}/client-id/${id}`;
    // Read at each call (not captured here), as tests may replace Date.now after construction.
    this.now = deps.now ?? (() => Date.now());
    this.tokens = new TokenCache(
      {
        clientCredentials: (scope) => this.tokenCall(scope, { grant_type: 'client_credentials' }, `token.${scope}`),
        // docs/partners/flexiti.md#token-refresh: the refresh_token from the last response.
        refresh: (scope, refreshToken) =>
          this.tokenCall(scope, { grant_type: 'refresh_token', refresh_token: refreshToken }, `token.${scope}.refresh`),
      },
      deps.now,
    );
  }

  /** The cached merchant-scope token (renewed when little of its life is left). */
  merchantToken(): Promise<string> {
    return this.tokens.get('merchant');
  }

  /**
   * A customer-scope token of its own for one checkout flow, never cached: Flexiti puts it in the
   * widget URL, so a shared one would let one shopper's browser act on another's flow.
   */
  async flowToken(): Promise<{ accessToken: string; expiresAt: number }> {
    const requested = this.now();
    const t = await this.tokenCall('customer', { grant_type: 'client_credentials' }, 'token.customer');
    return { accessToken: t.accessToken, expiresAt: requested + t.expiresInS * 1000 };
  }

  private async tokenCall(scope: FlexitiScope, form: Record<string, string>, operation: string): Promise<IssuedToken> {
    const { clientId, clientSecret, timeoutMs } = this.settings;
    let res;
    try {
      // docs/partners/flexiti.md#token-request: form-urlencoded, never a query string.
      res = await partnerFetch({
        partner: 'flexiti',
        operation,
        method: 'POST',
        url: `${this.v25}/oauth/token`,
        form: { client_id: clientId, client_secret: clientSecret, scope, ...form },
        timeoutMs,
      });
    } catch (e) {
      throw transportError(operation, e, false);
    }
    if (!res.ok) throw toFlexitiError(operation, res.status, res.body);
    const parsed = tokenResponseSchema.safeParse(res.body);
    if (!parsed.success) throw unexpected(operation, res.status);
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token ?? null,
      expiresInS: parsed.data.expires_in,
    };
  }

  async call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.infer<S>> {
    const url = new URL(spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const referenceId = spec.flow?.referenceId ?? newFlexitiReferenceId();
    // One retry with a new token after a 401 where that cannot repeat a payment or break the
    // flow: /apply and /authorization must use the token lineage that opened the widget.
    const pinned = spec.flow?.accessToken;
    for (let attempt = 1; ; attempt++) {
      const token =
        pinned ??
        (spec.scope === 'customer'
          ? (await this.flowToken()).accessToken
          : await this.tokens.get(spec.scope, { minRemainingMs: spec.minTokenLifeMs }));
      let res;
      try {
        res = await partnerFetch({
          partner: 'flexiti',
          operation: spec.operation,
          method: spec.method,
          url: url.toString(),
          headers: { authorization: `Bearer ${token}`, 'x-reference-id': referenceId },
          json: spec.json,
          correlationId: spec.flow?.correlationId,
          orderId: spec.flow?.orderId,
          retry: spec.unsafe ? 'none' : 'safe',
          timeoutMs: this.settings.timeoutMs,
          // docs/partners/flexiti.md#undocumented-bodies: a 2xx we cannot read is said on its call-log row.
          check: (status, body) => (status >= 200 && status < 300 ? unreadableNote(spec, body) : null),
        });
      } catch (e) {
        throw transportError(spec.operation, e, !!spec.unsafe, referenceId);
      }
      // A pinned flow token is never swapped: a new token would not match the widget session.
      if (res.status === 401 && !pinned) {
        this.tokens.invalidate(spec.scope, token);
        if (!spec.unsafe && attempt === 1) continue;
      }
      if (!res.ok) throw toFlexitiError(spec.operation, res.status, res.body, referenceId, spec.unsafe);
      const parsed = spec.schema.safeParse(res.body);
      if (!parsed.success) throw unexpected(spec.operation, res.status, referenceId, spec.unsafe);
      return parsed.data;
    }
  }
}

function transportError(operation: string, e: unknown, unsafe: boolean, referenceId?: string): FlexitiError {
  if (!(e instanceof PartnerHttpError)) throw e;
  return new FlexitiError('unavailable', 0, `Flexiti did not answer (${e.kind})`, {
    operation,
    outcomeUnknown: unsafe && isOutcomeUnknownAnswer(0),
    referenceId,
  });
}

/**
 * A 2xx body we cannot read (docs/partners/flexiti.md#undocumented-bodies): `unreadable_answer`, and
 * for a call that moves money or opens credit an unknown outcome: Flexiti may well have applied it.
 */
function unexpected(operation: string, status: number, referenceId?: string, unsafe = false): FlexitiError {
  return new FlexitiError('unreadable_answer', status, 'Flexiti answered with a body we cannot read', {
    operation,
    referenceId,
    outcomeUnknown: unsafe && isOutcomeUnknownAnswer(status, false),
  });
}

/** The call-log note for a 2xx body the call's schema cannot read; null when it reads. */
function unreadableNote(spec: { schema: z.ZodType; unsafe?: boolean }, body: unknown): string | null {
  const parsed = spec.schema.safeParse(body);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  return `unreadable_answer: ${where}: ${issue?.message ?? 'not readable'}; ${
    spec.unsafe ? 'outcome unknown, reconciled by our reference' : 'nothing concluded from it'
  }`;
}
