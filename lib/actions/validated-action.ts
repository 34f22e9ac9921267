import type { z } from 'zod';

/**
 * Server-action input validation in the nextjs/saas-starter style: the action body runs only
 * with parsed input; anything else returns the per-field messages (never a throw, never a 500),
 * so the form can show them inline. The browser validates with the same schema before sending.
 */

export type FieldErrors = Record<string, string>;
export type ValidationFailure = { ok: false; kind: 'invalid'; fieldErrors: FieldErrors };

/** First message per top-level field (`form` for errors about the whole input). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : 'form';
    out[key] ??= issue.message;
  }
  return out;
}

function toInput(raw: unknown): unknown {
  if (typeof FormData !== 'undefined' && raw instanceof FormData) return Object.fromEntries(raw);
  return raw;
}

export function validatedAction<S extends z.ZodType, R>(
  schema: S,
  action: (data: z.output<S>) => Promise<R>,
): (input: z.input<S> | FormData) => Promise<R | ValidationFailure> {
  return async (input) => {
    const parsed = schema.safeParse(toInput(input));
    if (!parsed.success) return { ok: false, kind: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
    return action(parsed.data);
  };
}
