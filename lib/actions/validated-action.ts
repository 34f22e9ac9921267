import type { z } from 'zod';

/**
 * Server-action input validation in the nextjs/saas-starter style: the action body runs only
 * with parsed input; anything else gets the action's own answer for bad input (by default the
 * per-field messages, never a throw, never a 500), so the form can show them inline. The browser
 * validates with the same schema before sending. `validatedActionWithCustomer` and
 * `validatedActionWithStaff` (beside this file) add who is asking.
 *
 * Every wrapped action takes its input as its last argument, so the same action works as a
 * direct call `(input)`, a form action `(formData)` and a `useActionState` action
 * `(previousState, formData)`.
 */

import type { FieldErrors, ValidationFailure } from './state';

export type { FieldErrors, ValidationFailure } from './state';

/** First message per top-level field (`form` for errors about the whole input). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : 'form';
    out[key] ??= issue.message;
  }
  return out;
}

/** The default answer to input the schema refuses. */
export function invalidInput(error: z.ZodError): ValidationFailure {
  return { ok: false, kind: 'invalid', fieldErrors: fieldErrorsOf(error) };
}

/** A form's text fields (a file is never valid input to our actions); no input at all is `{}`. */
function toInput(raw: unknown): unknown {
  if (raw === undefined) return {};
  if (typeof FormData !== 'undefined' && raw instanceof FormData) {
    return Object.fromEntries([...raw.entries()].filter(([, v]) => typeof v === 'string'));
  }
  return raw;
}

export type ActionOptions<I> = {
  /** Runs before anything else, e.g. `sandboxOnly` (lib/actions/guards.ts); may redirect. */
  guard?: () => void | Promise<void>;
  /** The answer to input the schema refuses (default: `invalidInput`); may redirect. */
  onInvalid?: (error: z.ZodError) => I | Promise<I>;
};

/** A wrapped action: input last, so it can be called directly, as a form action or by useActionState. */
export type WrappedAction<In, Out> = {
  (previousState: unknown, input: In | FormData): Promise<Out>;
  (input?: In | FormData): Promise<Out>;
};

/** The input of a call to a wrapped action (its last argument). */
export function inputOf(args: readonly unknown[]): unknown {
  return args[args.length - 1];
}

/** Parses `raw`; on failure returns the `onInvalid` answer as `{ refused }`. Shared by the variants. */
export async function parseInput<S extends z.ZodType, I>(
  schema: S,
  raw: unknown,
  onInvalid: ((error: z.ZodError) => I | Promise<I>) | undefined,
): Promise<{ data: z.output<S> } | { refused: I | ValidationFailure }> {
  const parsed = schema.safeParse(toInput(raw));
  if (parsed.success) return { data: parsed.data };
  return { refused: onInvalid ? await onInvalid(parsed.error) : invalidInput(parsed.error) };
}

export function validatedAction<S extends z.ZodType, R, I = ValidationFailure>(
  schema: S,
  action: (data: z.output<S>) => Promise<R>,
  options: ActionOptions<I> = {},
): WrappedAction<z.input<S>, R | I> {
  return (async (...args: unknown[]) => {
    await options.guard?.();
    const input = await parseInput(schema, inputOf(args), options.onInvalid);
    if ('refused' in input) return input.refused as I;
    return action(input.data);
  }) as WrappedAction<z.input<S>, R | I>;
}
