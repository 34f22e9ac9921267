/** Errors of the OpenTV client. Callers branch on the class, never on message text. */

/** OpenTV answered with an error the caller may act on (status and `code` as sent, docs/partners/opentv.md#error-bodies). */
export class OpenTvError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(`opentv ${operation}: HTTP ${status}${code ? ` ${code}` : ''}: ${message}`);
    this.name = 'OpenTvError';
  }
}

/**
 * Keycloak rejected our credentials (docs/partners/opentv.md#keycloak-errors: {400,401} × {invalid_client, unauthorized_client}, or
 * invalid_grant on the password grant). Permanent until the configuration changes: never retry.
 */
export class OpenTvAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(`keycloak: HTTP ${status} ${error}: ${message}`);
    this.name = 'OpenTvAuthError';
  }
}

/** OpenTV or Keycloak could not be reached or answered 5xx/429 after retries: try again later. */
export class OpenTvUnavailableError extends Error {
  constructor(
    readonly operation: string,
    message: string,
    readonly status?: number,
  ) {
    super(`opentv ${operation}: unavailable: ${message}`);
    this.name = 'OpenTvUnavailableError';
  }
}
