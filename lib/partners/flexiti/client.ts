import 'server-only';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { getConfig } from '@/lib/config';
import { cachedClient } from '@/lib/partners/client-cache';
import { partnerFetch, PartnerHttpError, type HttpMethod } from '@/lib/partners/http';
import { toApplyBody, toWidgetInitBody, type FlexitiApplyForm, type FlexitiCheckoutForm } from './form-wire';
import { FlexitiError, isOutcomeUnknownAnswer, toFlexitiError } from './errors';
import { TokenCache, type FlexitiScope, type IssuedToken } from './token-cache';
import {
  applyResponseSchema,
  authorizationListSchema,
  authorizationResponseSchema,
  captureResponseSchema,
  releaseResponseSchema,
  returnResponseSchema,
  tokenResponseSchema,
  widgetInitResponseSchema,
} from './wire';

/**
 * The Flexiti POS API client (docs/partners/flexiti.md). Customer-scope token for
 * widget/init, /apply and /authorization; merchant-scope token for capture, release, return and
 * the GETs (docs/partners/flexiti.md#token-scopes). Every call goes through partnerFetch (partner `flexiti`, redacted call log).
 * App-level types only leave this module; amounts are cents here and dollars on the wire.
 */

/** docs/partners/flexiti.md#reference-id: a UUID v4 without hyphens, one per checkout flow. */
export function newFlexitiReferenceId(): string {
  return randomUUID().replace(/-/g, '');
}

export interface FlowContext {
  /** The flow's 32-hex `x-reference-id` (from `initWidget`). */
  referenceId: string;
  correlationId?: string;
  orderId?: string;
  /**
   * The customer-scope access token the flow started with (from `initWidget`). Flexiti ties the
   * widget session to that token (docs/partners/flexiti.md#flow-token "Access Token Notes"), so `/apply` and `/authorization`
   * must send it rather than whatever the shared cache holds by then (another checkout may have
   * renewed it, or another instance has its own). Server-side only.
   */
  accessToken?: string;
}

export interface FlexitiWidgetSession {
  redirectionUrl: string;
  /** From the redirection URL; the widget echoes it in flx-success. */
  widgetSessionId: string | null;
  referenceId: string;
  /** The token widget/init used: pass it back as `FlowContext.accessToken` for the flow's later calls. */
  accessToken: string;
  /**
   * When that token runs out (epoch ms on our clock, measured from before its request, so never
   * later than Flexiti's): the flow must finish by then (docs/partners/flexiti.md#flow-token).
   */
  accessTokenExpiresAt: number;
}

export interface FlexitiApplication {
  accountNumber: string;
  status: string;
  customerId: string | null;
  creditLimitCents: number | null;
  availableCreditCents: number | null;
}

export interface FlexitiAuthorization {
  authorizationId: string;
  /** `opened` is the only documented status; the sandbox adds `captured` and `released`. */
  status: string;
  accountNumber: string | null;
  reference: string | null;
  amountCents: number;
  capturedCents: number | null;
  /** Given back already (released or returned), when Flexiti says so; null: not said. */
  releasedCents: number | null;
  returnedCents: number | null;
  captureId: string | null;
  createdAt: string | null;
}

export interface FlexitiCapture {
  captureId: string;
  amountCents: number | null;
  remainingAuthorizationCents: number | null;
}

export interface FlexitiReturn {
  returnId: string;
  captureId: string;
  amountCents: number;
  date: string | null;
  remainingCaptureCents: number | null;
}

export interface FlexitiFinancing {
  transactionType: 'regular_purchase' | 'promotional_purchase';
  planId?: string;
  term?: string;
}

export interface FlexitiClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  now?: () => number;
  timeoutMs?: number;
}

const dollars = (cents: number) => Math.round(cents) / 100;

const toAuthorization = (a: z.infer<typeof authorizationResponseSchema>): FlexitiAuthorization => ({
  authorizationId: a.authorization_id,
  status: a.status,
  accountNumber: a.account_number ?? null,
  reference: a.reference ?? null,
  amountCents: a.amount,
  capturedCents: a.captured_amount ?? null,
  releasedCents: a.released_amount ?? null,
  returnedCents: a.returned_amount ?? null,
  captureId: a.capture_id ?? null,
  createdAt: a.creation_date ?? null,
});

interface CallSpec<S extends z.ZodType> {
  operation: string;
  method: HttpMethod;
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

export function createFlexitiClient(opts: FlexitiClientOptions) {
  const api = `${opts.baseUrl.replace(/\/+$/, '')}/flexiti/pos-api`;
  const v25 = `${api}/v2.5`;
  const v251 = `${api}/v2.5.1/client-id/${encodeURIComponent(opts.clientId)}`;
  const client = `${v25}/client-id/${encodeURIComponent(opts.clientId)}`;

  async function tokenCall(scope: FlexitiScope, form: Record<string, string>, operation: string): Promise<IssuedToken> {
    let res;
    try {
      // docs/partners/flexiti.md#token-request: form-urlencoded, never a query string.
      res = await partnerFetch({
        partner: 'flexiti',
        operation,
        method: 'POST',
        url: `${v25}/oauth/token`,
        form: { client_id: opts.clientId, client_secret: opts.clientSecret, scope, ...form },
        timeoutMs: opts.timeoutMs,
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

  /**
   * A customer-scope token of its own for one checkout flow, never cached: Flexiti puts it in the
   * widget URL, so a shared one would let one shopper's browser act on another's flow.
   */
  const flowToken = async (): Promise<{ accessToken: string; expiresAt: number }> => {
    const requested = (opts.now ?? Date.now)();
    const t = await tokenCall('customer', { grant_type: 'client_credentials' }, 'token.customer');
    return { accessToken: t.accessToken, expiresAt: requested + t.expiresInS * 1000 };
  };

  // The merchant-scope token stays on the server: one cached per process is fine.
  const tokens = new TokenCache(
    {
      clientCredentials: (scope) => tokenCall(scope, { grant_type: 'client_credentials' }, `token.${scope}`),
      // docs/partners/flexiti.md#token-refresh: the refresh_token from the last response.
      refresh: (scope, refreshToken) =>
        tokenCall(scope, { grant_type: 'refresh_token', refresh_token: refreshToken }, `token.${scope}.refresh`),
    },
    opts.now,
  );

  async function call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.infer<S>> {
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
          ? (await flowToken()).accessToken
          : await tokens.get(spec.scope, { minRemainingMs: spec.minTokenLifeMs }));
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
          timeoutMs: opts.timeoutMs,
          // docs/partners/flexiti.md#undocumented-bodies: a 2xx we cannot read is said on its call-log row.
          check: (status, body) => (status >= 200 && status < 300 ? unreadableNote(spec, body) : null),
        });
      } catch (e) {
        throw transportError(spec.operation, e, !!spec.unsafe, referenceId);
      }
      // A pinned flow token is never swapped: a new token would not match the widget session.
      if (res.status === 401 && !pinned) {
        tokens.invalidate(spec.scope, token);
        if (!spec.unsafe && attempt === 1) continue;
      }
      if (!res.ok) throw toFlexitiError(spec.operation, res.status, res.body, referenceId, spec.unsafe);
      const parsed = spec.schema.safeParse(res.body);
      if (!parsed.success) throw unexpected(spec.operation, res.status, referenceId, spec.unsafe);
      return parsed.data;
    }
  }

  async function listAuthorizations(
    filter: { accountNumber?: string; status?: string; pageNumber?: number; pageSize?: number },
    flow: Partial<FlowContext> = {},
  ): Promise<FlexitiAuthorization[]> {
    const r = await call({
      operation: 'listAuthorizations',
      method: 'GET',
      path: `${v251}/authorizations`,
      scope: 'merchant',
      schema: authorizationListSchema,
      query: {
        account_number: filter.accountNumber,
        authorization_status: filter.status,
        page_number: filter.pageNumber?.toString(),
        page_size: filter.pageSize?.toString(),
      },
      flow,
    });
    return r.map(toAuthorization);
  }

  /**
   * Every authorization of the account with our `reference` (the list has no reference filter),
   * newest first. Pages through at most 10 × 100 of the account's authorizations.
   */
  async function findAuthorizationsByReference(
    accountNumber: string,
    reference: string,
    flow: Partial<FlowContext> = {},
  ): Promise<FlexitiAuthorization[]> {
    const found: FlexitiAuthorization[] = [];
    const pageSize = 100;
    for (let pageNumber = 1; pageNumber <= 10; pageNumber++) {
      const page = await listAuthorizations({ accountNumber, pageNumber, pageSize }, flow);
      found.push(...page.filter((a) => a.reference === reference));
      if (page.length < pageSize) break;
    }
    return found;
  }

  return {
    /**
     * A new customer-scope token, all 20 minutes left (docs/partners/flexiti.md#flow-token "Access Token Notes"), for
     * one flow only. `initWidget` calls it; exposed for health checks and tests.
     */
    freshCustomerToken: async () => (await flowToken()).accessToken,

    /** A merchant-scope token (health check of the Flexiti credentials). */
    merchantToken: () => tokens.get('merchant'),

    /** `widget/init` (docs/partners/flexiti.md#widget-init): no amount, no order id (docs/partners/flexiti.md#widget-init). Returns the URL to render in the iframe. */
    async initWidget(form: FlexitiCheckoutForm, flow: Partial<FlowContext> = {}): Promise<FlexitiWidgetSession> {
      const referenceId = flow.referenceId ?? newFlexitiReferenceId();
      // Pin the token for the whole call so the caller learns which one the widget session is tied
      // to; an unpinned 401 still gets one retry with a new token, as `call` does.
      let body: z.infer<typeof widgetInitResponseSchema> | undefined;
      let accessToken = '';
      let accessTokenExpiresAt = 0;
      for (let attempt = 1; !body; attempt++) {
        // A caller's own token: its life is not known here, so the flow assumes Flexiti's 20 minutes.
        const issued = flow.accessToken
          ? { accessToken: flow.accessToken, expiresAt: (opts.now ?? Date.now)() + 1_200_000 }
          : await flowToken();
        accessToken = issued.accessToken;
        accessTokenExpiresAt = issued.expiresAt;
        try {
          body = await call({
            operation: 'widgetInit',
            method: 'POST',
            path: `${client}/widget/init`,
            scope: 'customer',
            schema: widgetInitResponseSchema,
            json: toWidgetInitBody(form),
            flow: { ...flow, referenceId, accessToken },
          });
        } catch (e) {
          if (flow.accessToken || attempt > 1 || !(e instanceof FlexitiError) || e.code !== 'invalid_token') throw e;
        }
      }
      const widgetSessionId = new URL(body.redirection_url.replace('/#/', '/')).searchParams.get('widget_session_id');
      return { redirectionUrl: body.redirection_url, widgetSessionId, referenceId, accessToken, accessTokenExpiresAt };
    },

    /** `POST /apply` (docs/partners/flexiti.md#apply): mandatory after flx-success in the apply flow. */
    async apply(form: FlexitiApplyForm, widgetSessionId: string, flow: FlowContext): Promise<FlexitiApplication> {
      const a = await call({
        operation: 'apply',
        method: 'POST',
        path: `${client}/apply`,
        scope: 'customer',
        schema: applyResponseSchema,
        json: toApplyBody(form, widgetSessionId),
        flow,
        unsafe: true,
      });
      return {
        accountNumber: a.account_number,
        status: a.status ?? 'approved',
        customerId: a.customer_id ?? null,
        creditLimitCents: a.credit_limit ?? null,
        availableCreditCents: a.available_credit ?? null,
      };
    },

    /**
     * `POST v2.5.1/.../authorization` (docs/partners/flexiti.md#authorization). `reference` is our order id. Not retried: Flexiti
     * has no idempotency key, so an error with `outcomeUnknown` must be reconciled
     * with `findAuthorizationByReference` before trying again.
     */
    async authorize(
      input: {
        accountNumber: string;
        amountCents: number;
        reference: string;
        widgetSessionId: string;
        autoCapture?: boolean;
        financing?: FlexitiFinancing;
        skuData?: Record<string, unknown>;
      },
      flow: FlowContext,
    ): Promise<FlexitiAuthorization> {
      const financing = input.financing ?? { transactionType: 'regular_purchase' };
      const a = await call({
        operation: 'authorize',
        method: 'POST',
        path: `${v251}/authorization`,
        scope: 'customer',
        schema: authorizationResponseSchema,
        json: {
          account_number: Number(input.accountNumber),
          reference: input.reference,
          financing_option: {
            transaction_type: financing.transactionType,
            ...(financing.planId ? { plan_id: financing.planId } : {}),
            ...(financing.term ? { term: financing.term } : {}),
          },
          amount: dollars(input.amountCents),
          auto_capture: input.autoCapture ?? true,
          // Not in the documented field table, but the not_verified error text requires it (docs/partners/flexiti.md#authorization).
          widget_session_id: input.widgetSessionId,
          ...(input.skuData ? { sku_data: input.skuData } : {}),
        },
        flow,
        unsafe: true,
      });
      return toAuthorization(a);
    },

    async capture(
      input: { authorizationId: string; amountCents: number; reference?: string },
      flow: Partial<FlowContext> = {},
    ): Promise<FlexitiCapture> {
      const c = await call({
        operation: 'capture',
        method: 'POST',
        path: `${v251}/authorization/${encodeURIComponent(input.authorizationId)}/capture`,
        scope: 'merchant',
        schema: captureResponseSchema,
        json: { amount: dollars(input.amountCents), ...(input.reference ? { reference: input.reference } : {}) },
        flow,
        unsafe: true,
      });
      return {
        captureId: c.capture_id,
        amountCents: c.amount ?? null,
        remainingAuthorizationCents: c.remaining_authorization_amount ?? null,
      };
    },

    async release(
      authorizationId: string,
      flow: Partial<FlowContext> = {},
    ): Promise<{ status: string; releasedCents: number | null }> {
      const r = await call({
        operation: 'release',
        method: 'POST',
        path: `${v251}/authorization/${encodeURIComponent(authorizationId)}/release`,
        scope: 'merchant',
        schema: releaseResponseSchema,
        json: {},
        flow,
        unsafe: true,
      });
      return { status: r.status ?? 'released', releasedCents: r.released_amount ?? null };
    },

    /** Returns (refunds) part or all of a capture: `amountCents` or `full: true`. */
    async returnCapture(
      input: { authorizationId: string; captureId: string; reference?: string } & (
        { amountCents: number; full?: false } | { full: true }
      ),
      flow: Partial<FlowContext> = {},
    ): Promise<FlexitiReturn> {
      const r = await call({
        operation: 'returnCapture',
        method: 'POST',
        path: `${v251}/authorization/${encodeURIComponent(input.authorizationId)}/capture/${encodeURIComponent(input.captureId)}/return`,
        scope: 'merchant',
        schema: returnResponseSchema,
        json: {
          ...(input.reference ? { reference: input.reference } : {}),
          ...(input.full ? { full_return: true } : { full_return: false, amount: dollars(input.amountCents) }),
        },
        flow,
        unsafe: true,
      });
      return {
        returnId: r.return_id,
        captureId: r.capture_id,
        amountCents: r.amount,
        date: r.date ?? null,
        remainingCaptureCents: r.remaining_capture_amount ?? null,
      };
    },

    async getAuthorization(authorizationId: string, flow: Partial<FlowContext> = {}): Promise<FlexitiAuthorization> {
      const a = await call({
        operation: 'getAuthorization',
        method: 'GET',
        path: `${v251}/authorization/${encodeURIComponent(authorizationId)}`,
        scope: 'merchant',
        schema: authorizationResponseSchema,
        flow,
      });
      return toAuthorization(a);
    },

    listAuthorizations,

    /** Reconciliation after an unknown outcome (docs/partners/flexiti.md#reconciliation: poll, no webhooks): our order id is `reference`. */
    async findAuthorizationByReference(
      accountNumber: string,
      reference: string,
      flow: Partial<FlowContext> = {},
    ): Promise<FlexitiAuthorization | null> {
      return (await findAuthorizationsByReference(accountNumber, reference, flow))[0] ?? null;
    },

    findAuthorizationsByReference,
  };
}

export type FlexitiClient = ReturnType<typeof createFlexitiClient>;

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

/** The app's Flexiti client, configured from FLEXITI_* (lib/config.ts); one per process (client-cache.ts). */
export function getFlexitiClient(): FlexitiClient {
  const { flexiti } = getConfig();
  return cachedClient('flexiti', `${flexiti.baseUrl}|${flexiti.clientId}`, () =>
    createFlexitiClient({
      baseUrl: flexiti.baseUrl,
      clientId: flexiti.clientId,
      clientSecret: flexiti.clientSecret,
    }),
  );
}
