import type { z } from 'zod';

/**
 * The one error body of every route handler (and of the proxy's early refusals):
 * `{ error: <code>, message: '<field>: <what is wrong>', field? }`, JSON, `cache-control: no-store`.
 * The status comes from the code (`PROBLEM_STATUS`); a generic code such as `invalid_request` may
 * carry a more precise one (403 for another site's origin, 415 for a form). Extra members a client
 * already reads (`reason`, `retryAfterSeconds`, the sign-in button's `ok`/`code`) ride along.
 */
export const PROBLEM_STATUS = {
  bad_request: 400,
  invalid_request: 400,
  invalid_body: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export type ProblemOptions = {
  field?: string;
  /** Only where the code's own status is too broad (e.g. `invalid_request` answered 415). */
  status?: number;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
};

export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly options: ProblemOptions = {},
  ) {
    super(message);
    this.name = 'ApiProblem';
    this.status = options.status ?? PROBLEM_STATUS[code];
  }

  get field(): string | undefined {
    return this.options.field;
  }

  body(): Record<string, unknown> {
    const { field, extra } = this.options;
    return { ...extra, error: this.code, message: this.message, ...(field ? { field } : {}) };
  }

  toResponse(): Response {
    return Response.json(this.body(), {
      status: this.status,
      headers: { 'cache-control': 'no-store', ...this.options.headers },
    });
  }
}

/** `new ApiProblem(...).toResponse()` in one call. */
export function problem(code: ProblemCode, message: string, options?: ProblemOptions): Response {
  return new ApiProblem(code, message, options).toResponse();
}

/** The first issue of a refused input, naming its field (`body` for the whole of it). */
export function invalidInput(error: z.ZodError, code: ProblemCode = 'invalid_request', options?: ProblemOptions) {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return new ApiProblem(code, `${field}: ${issue?.message ?? 'invalid'}`, { field, ...options });
}
