import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { integrationCalls, type NewIntegrationCallRow } from '@/lib/db/schema';
import { redactDeep, redactHeaders, redactUrl } from '@/lib/security/redact';
import type { PartnerName } from './registry';

/**
 * The one way the app talks to partners: timeouts, retries with exponential backoff and jitter
 * for safe cases only (network errors, 5xx, 429 — never a 4xx business answer), an
 * `x-correlation-id` per flow, and one redacted `integration_calls` row per attempt.
 */

/** A partner's name in the call log (lib/partners/registry.ts). */
export type Partner = PartnerName;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface PartnerRequest {
  partner: Partner;
  /** A short name for the call log and errors, e.g. `exchangeGrant`. */
  operation: string;
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  correlationId?: string;
  orderId?: string;
  timeoutMs?: number;
  /**
   * `safe` (default) retries network errors, timeouts, 5xx and 429. Use `none` for calls that
   * must not be repeated blindly (e.g. a payment authorization without an idempotency key).
   */
  retry?: 'safe' | 'none';
  maxAttempts?: number;
  /**
   * Reads the answer as the caller will: a sentence returned here is written on the call-log row
   * (its `error` column), e.g. a 2xx body the caller cannot read and what that means.
   */
  check?: (status: number, body: unknown) => string | null;
}

export interface PartnerResponse<T = unknown> {
  status: number;
  ok: boolean;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else the text. */
  body: T;
  latencyMs: number;
  attempts: number;
}

export class PartnerHttpError extends Error {
  constructor(
    readonly partner: Partner,
    readonly operation: string,
    readonly kind: 'network' | 'timeout',
    message: string,
  ) {
    super(`${partner} ${operation}: ${message}`);
    this.name = 'PartnerHttpError';
  }
}

export function newCorrelationId(): string {
  return randomUUID();
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_ATTEMPTS = 3;
const BASE_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5_000;

/** Full-jitter exponential backoff (AWS architecture blog), honouring Retry-After when given. */
export function backoffMs(attempt: number, retryAfter?: string | null, random = Math.random): number {
  const fromHeader = retryAfter ? Number(retryAfter) * 1000 : NaN;
  if (Number.isFinite(fromHeader) && fromHeader >= 0) return Math.min(fromHeader, MAX_BACKOFF_MS);
  return Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1)));
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function parseBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json') || /^[[{"]/.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * One call-log row, stamped with the moment the answer came. Written before the caller goes on,
 * not after the response: the ops console shows an order's calls on the page the action lands on
 * (a test order, a retried job), QA reads the log right after a flow, and a row written later is
 * lost when the process dies in between. An insert costs well under a millisecond.
 */
async function logCall(row: NewIntegrationCallRow): Promise<void> {
  try {
    await (await getDb()).insert(integrationCalls).values({ ...row, createdAt: new Date() });
  } catch (e) {
    // The call log must never break the call it describes.
    console.warn('integration_calls: could not record a call:', e instanceof Error ? e.message : e);
  }
}

export async function partnerFetch<T = unknown>(req: PartnerRequest): Promise<PartnerResponse<T>> {
  const correlationId = req.correlationId ?? newCorrelationId();
  const maxAttempts = req.retry === 'none' ? 1 : (req.maxAttempts ?? DEFAULT_ATTEMPTS);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-correlation-id': correlationId,
    ...req.headers,
  };
  let body: string | undefined;
  if (req.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.form) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  }
  const loggedRequest = {
    headers: redactHeaders(headers),
    body: redactDeep(req.json ?? req.form ?? null),
  };

  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers,
        body,
        signal: controller.signal,
        cache: 'no-store',
      });
      const parsed = await parseBody(res);
      const latencyMs = Math.round(performance.now() - started);
      await logCall({
        partner: req.partner,
        operation: req.operation,
        method: req.method,
        path: redactUrl(req.url),
        status: res.status,
        latencyMs,
        attempt,
        correlationId,
        orderId: req.orderId,
        request: loggedRequest,
        response: redactDeep(parsed),
        error: req.check?.(res.status, parsed) ?? null,
      });
      if (isRetryableStatus(res.status) && attempt < maxAttempts) {
        await sleep(backoffMs(attempt, res.headers.get('retry-after')));
        continue;
      }
      return { status: res.status, ok: res.ok, headers: res.headers, body: parsed as T, latencyMs, attempts: attempt };
    } catch (e) {
      const latencyMs = Math.round(performance.now() - started);
      const kind = controller.signal.aborted ? 'timeout' : 'network';
      const message =
        kind === 'timeout'
          ? `no answer within ${req.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`
          : String((e as Error).cause ?? (e as Error).message);
      await logCall({
        partner: req.partner,
        operation: req.operation,
        method: req.method,
        path: redactUrl(req.url),
        status: null,
        latencyMs,
        attempt,
        correlationId,
        orderId: req.orderId,
        request: loggedRequest,
        response: null,
        error: `${kind}: ${message}`,
      });
      if (attempt < maxAttempts) {
        await sleep(backoffMs(attempt));
        continue;
      }
      throw new PartnerHttpError(req.partner, req.operation, kind, message);
    } finally {
      clearTimeout(timer);
    }
  }
}
