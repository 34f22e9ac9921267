import { PartnerError } from '../errors';

/**
 * Typed failures of the Ultra platform client. The sign-in flow maps each to what the customer
 * is told (docs/partners/ultra.md#sso-errors: "If … grant token fails then Merchant UI should request a new
 * Grant Token and the process should be repeated").
 */
export class UltraError extends PartnerError {
  override readonly partner = 'ultra';
  override readonly code: string;
  constructor(
    message: string,
    override readonly status: number | null,
  ) {
    super(message);
    this.name = new.target.name;
    this.code = ULTRA_CODES[new.target.name] ?? 'error';
  }

  /** Only Flipkart not answering is worth another try (the customer asks again). */
  override get retryable(): boolean {
    return this instanceof UltraUnavailableError;
  }

  override get outcomeUnknown(): boolean {
    return this instanceof UltraUnavailableError;
  }
}

/** 400 "Bad Grant token": reused, expired, wrong client id or a secret not URL-encoded (docs/partners/ultra.md#grant-exchange, FAQ Q2). */
export class UltraBadGrantError extends UltraError {}

/** 401/403: Ultra rejected our `secureToken` or the access token (docs/partners/ultra.md#secure-token-claims, #secure-token-checks): a configuration problem on our side. */
export class UltraAuthError extends UltraError {}

/** Network error, timeout, 5xx or 429: Flipkart is not answering; the customer can retry later. */
export class UltraUnavailableError extends UltraError {}

/** A 2xx answer we cannot read (no envelope, STATUS not 200, missing tokens). */
export class UltraProtocolError extends UltraError {}

const ULTRA_CODES: Record<string, string> = {
  UltraBadGrantError: 'bad_grant',
  UltraAuthError: 'auth',
  UltraUnavailableError: 'unavailable',
  UltraProtocolError: 'protocol',
};
