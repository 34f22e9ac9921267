/**
 * Typed Flexiti errors (docs/partners/flexiti.md#tokens, #transactions, #error-model). No server-only
 * import: the checkout may show `code` and `fieldErrors` to the customer (never the raw body).
 */

import { isPartnerError, PartnerError } from '../errors';
import { declineOf } from './decline';

/** Every documented error code, plus the client's own for transport and unexpected answers. */
export const FLEXITI_ERROR_CODES = [
  // docs/partners/flexiti.md#token-errors token endpoint
  'invalid_client',
  'invalid_request',
  'invalid_role',
  'invalid_token',
  // 403 "Insufficient scope: authorized scope is insufficient"
  'insufficient_scope',
  // docs/partners/flexiti.md#error-model: 465/466/467, request blocked (payload, ACL, geo); treat as 403
  'blocked',
  // 404
  'not_found',
  'customer_identity_not_found',
  // 409 business rejections
  'wrong_inputs',
  'general_error',
  'authentication_failure',
  'not_verified',
  'credit_exceeded',
  'not_permitted',
  'auth_not_allowed',
  'plan_term_not_set',
  'plan_term_not_available',
  'user_not_able_to_purchase',
  'external_location_id_not_found',
  'account_type_not_permitted',
  'vcc_account_mismatch',
  'application_create_error',
  'tos_agreement_required',
  'customer_already_exists',
  'application_declined',
  'application_declined_2',
  'application_declined_3',
  'creditapp_id_not_found',
  'capture_amount_exceeded',
  'return_date_exceeded',
  'wrong_transaction_type',
  'refunds_limit_exceeded_amount',
  // client-side
  'server_error',
  'unavailable',
  'unexpected_response',
  // a 2xx body none of the shapes we know reads (docs/partners/flexiti.md#undocumented-bodies)
  'unreadable_answer',
] as const;

export type FlexitiErrorCode = (typeof FLEXITI_ERROR_CODES)[number];

export interface FlexitiFieldError {
  /** The wire field, dotted (e.g. `customer_identification.personal_information.dob`). */
  param: string;
  msg: string;
}

/** Worth another try later: Flexiti unavailable or failing, or our token to renew. */
const RETRYABLE_CODES: readonly FlexitiErrorCode[] = ['unavailable', 'server_error', 'invalid_token'];

export class FlexitiError extends PartnerError {
  override readonly partner = 'flexiti';
  constructor(
    override readonly code: FlexitiErrorCode,
    /** HTTP status; 0 when no answer arrived. */
    override readonly status: number,
    message: string,
    readonly details: {
      operation: string;
      fieldErrors?: FlexitiFieldError[];
      /** The partner's own code when it is not one we know (`code` is then `unexpected_response`). */
      partnerCode?: string;
      /**
       * True when a call that moves money or opens credit may have been processed anyway: no
       * answer, a timeout, a 5xx, a 429 or 408 after the request was sent, or a body that does not
       * parse (see `isOutcomeUnknownAnswer`). Read it through the `outcomeUnknown` getter.
       */
      outcomeUnknown?: boolean;
      referenceId?: string;
    },
  ) {
    super(message);
    this.name = 'FlexitiError';
  }

  get fieldErrors(): FlexitiFieldError[] {
    return this.details.fieldErrors ?? [];
  }

  get operation(): string {
    return this.details.operation;
  }

  /**
   * Not a definite yes or no: Flexiti may have applied the call. The caller must reconcile by its
   * reference (GET authorizations) before deciding, never report it as a failure or repeat it.
   */
  override get outcomeUnknown(): boolean {
    return this.details.outcomeUnknown === true;
  }

  override get retryable(): boolean {
    return RETRYABLE_CODES.includes(this.code);
  }

  override get summary(): string {
    return `flexiti ${this.operation}: ${this.code} (HTTP ${this.status})`;
  }

  /** `not_permitted`: e.g. a release of an authorization already released or captured (docs/partners/flexiti.md#capture-release-return). */
  override get wrongState(): boolean {
    return this.code === 'not_permitted';
  }

  /** `capture_amount_exceeded` on a return: the capture was already returned in full. */
  override get alreadyRefunded(): boolean {
    return this.code === 'capture_amount_exceeded';
  }

  /** `invalid_token` (401): the flow's customer token ran out. */
  override get tokenRefused(): boolean {
    return this.code === 'invalid_token';
  }

  /** Declined or not allowed for this customer: offer another route, do not retry (decline.ts). */
  get isCustomerDecline(): boolean {
    return declineOf(this) !== null;
  }
}

/** A Flexiti error, also from another bundle's copy of the class (isPartnerError says why). */
export function isFlexitiError(e: unknown, code?: FlexitiErrorCode): e is FlexitiError {
  return isPartnerError(e) && e.partner === 'flexiti' && (code === undefined || e.code === code);
}

const KNOWN = new Set<string>(FLEXITI_ERROR_CODES);

/**
 * The one place that says which answers to a non-idempotent call (authorization, apply, capture,
 * release, return) leave its outcome unknown: no answer at all (status 0: network error,
 * timeout), any 5xx (a gateway or the server may fail after processing), 429 and 408 (sent, then
 * refused or timed out somewhere we cannot see), and a 2xx whose body we cannot read. Every other
 * 4xx is Flexiti's definite "no".
 */
export function isOutcomeUnknownAnswer(status: number, bodyReadable = true): boolean {
  if (status === 0 || status >= 500 || status === 429 || status === 408) return true;
  return status >= 200 && status < 300 && !bodyReadable;
}

/** Maps a non-2xx Flexiti answer to a FlexitiError; `unsafe`: the call is not idempotent. */
export function toFlexitiError(
  operation: string,
  status: number,
  body: unknown,
  referenceId?: string,
  unsafe = false,
): FlexitiError {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const raw = typeof b.error === 'string' ? b.error : undefined;
  const message = typeof b.message === 'string' ? b.message : `Flexiti answered HTTP ${status}`;
  const fieldErrors = Array.isArray(b.field_errors)
    ? b.field_errors
        .filter((f): f is { param: unknown; msg: unknown } => !!f && typeof f === 'object')
        .map((f) => ({ param: String(f.param), msg: String(f.msg) }))
    : undefined;
  let code: FlexitiErrorCode;
  if (status === 401) code = 'invalid_token';
  else if (status === 403) code = 'insufficient_scope';
  else if (status >= 465 && status <= 467) code = 'blocked';
  else if (raw && KNOWN.has(raw)) code = raw as FlexitiErrorCode;
  else if (status === 404) code = 'not_found';
  else if (status >= 500) code = 'server_error';
  else code = 'unexpected_response';
  return new FlexitiError(code, status, message, {
    operation,
    fieldErrors,
    partnerCode: raw && raw !== code ? raw : undefined,
    referenceId,
    outcomeUnknown: unsafe && isOutcomeUnknownAnswer(status),
  });
}
