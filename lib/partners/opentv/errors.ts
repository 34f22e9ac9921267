import { PartnerError } from '../errors';

/**
 * Errors of the OpenTV client. Callers outside this folder ask the PartnerError base
 * (`retryable`, `outcomeUnknown`), never the message text.
 */

/** OpenTV answered with an error the caller may act on (status and `code` as sent, docs/partners/opentv.md#error-bodies). */
export class OpenTvError extends PartnerError {
  override readonly partner = 'opentv';
  override readonly retryable = false;
  override readonly outcomeUnknown = false;
  constructor(
    readonly operation: string,
    override readonly status: number,
    override readonly code: string | undefined,
    message: string,
  ) {
    super(`opentv ${operation}: HTTP ${status}${code ? ` ${code}` : ''}: ${message}`);
    this.name = 'OpenTvError';
  }

  /** A 400 or 409 to creating an account: its sign-on is taken (docs/partners/opentv.md#accounts). */
  override get alreadyExists(): boolean {
    return this.operation === 'createAccount' && isAccountClash(this.status);
  }
}

/**
 * Keycloak rejected our credentials (docs/partners/opentv.md#keycloak-errors: {400,401} × {invalid_client, unauthorized_client}, or
 * invalid_grant on the password grant). Permanent until the configuration changes: never retry.
 */
export class OpenTvAuthError extends PartnerError {
  override readonly partner = 'opentv';
  override readonly retryable = false;
  override readonly outcomeUnknown = false;
  override readonly code: string;
  constructor(
    override readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(`keycloak: HTTP ${status} ${error}: ${message}`);
    this.name = 'OpenTvAuthError';
    this.code = error;
  }
}

/** OpenTV or Keycloak could not be reached or answered 5xx/429 after retries: try again later. */
export class OpenTvUnavailableError extends PartnerError {
  override readonly partner = 'opentv';
  override readonly code = 'unavailable';
  override readonly retryable = true;
  /** A write may have been applied before the answer was lost: callers use deterministic ids. */
  override readonly outcomeUnknown = true;
  constructor(
    readonly operation: string,
    message: string,
    override readonly status?: number,
  ) {
    super(`opentv ${operation}: unavailable: ${message}`);
    this.name = 'OpenTvUnavailableError';
  }
}

/**
 * OpenTV answered 404 and its tenant read answered 404 too: it does not know our `nv-tenant-id`
 * (docs/partners/opentv.md#tenant-404), almost always a wrong OPENTV_TENANT_ID. A configuration
 * error, never "the entitlement is absent": retried (a fixed setting heals it), shown on
 * /ops/health.
 */
export class OpenTvTenantError extends PartnerError {
  override readonly partner = 'opentv';
  override readonly code = 'tenant_unknown';
  override readonly retryable = true;
  override readonly outcomeUnknown = false;
  override readonly status = 404;
  constructor(
    readonly operation: string,
    readonly tenantId: string,
    /** What OpenTV said to the tenant read, as received. */
    partnerMessage: string,
  ) {
    super(
      `opentv ${operation}: HTTP 404 and the tenant read answers 404 too (${partnerMessage}): OpenTV does not know tenant "${tenantId}" (check OPENTV_TENANT_ID)`,
    );
    this.name = 'OpenTvTenantError';
  }
}

/**
 * OpenTV refused this purchase itself (docs/partners/opentv.md#purchase-refused): a 400, 409 or
 * 422 answer to creating the account or the entitlement is about the request (a product OpenTV no
 * longer has, an account it will not create, a duplicate under prohibitDuplicateProductPurchase).
 * Not a refusal of us: a 403 (token), a 404 (tenant) or Keycloak's answers are configuration, for
 * ops to fix, and an unavailable OpenTV is retried. Retrying cannot deliver a refused purchase.
 */
export function isPurchaseRefused(e: unknown): boolean {
  return e instanceof OpenTvError && (e.status === 400 || e.status === 409 || e.status === 422);
}

/** "An account with this `_id` or sign-on already exists": 400 as documented, or 409. */
export function isAccountClash(status: number): boolean {
  return status === 400 || status === 409;
}
