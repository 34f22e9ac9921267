import 'server-only';
import type { z } from 'zod';
import { getCurrentCustomer, type Customer } from '@/lib/auth';
import {
  inputOf,
  parseInput,
  type ActionOptions,
  type ValidationFailure,
  type WrappedAction,
} from './validated-action';

import type { SignedOut } from './state';

export type { SignedOut } from './state';

export type CustomerActionOptions<I, O> = ActionOptions<I> & {
  /** The answer when nobody is signed in (default `{ ok: false, kind: 'signed_out' }`). */
  onSignedOut?: () => O | Promise<O>;
};

/**
 * `validatedAction` for a signed-in customer: the input is parsed first (bad input is answered
 * without a session lookup), then the customer is loaded once (from the session, never from the
 * input) and handed to the action; without one the action does not run.
 */
export function validatedActionWithCustomer<S extends z.ZodType, R, I = ValidationFailure, O = SignedOut>(
  schema: S,
  action: (data: z.output<S>, customer: Customer) => Promise<R>,
  options: CustomerActionOptions<I, O> = {},
): WrappedAction<z.input<S>, R | I | O> {
  return (async (...args: unknown[]) => {
    await options.guard?.();
    const input = await parseInput(schema, inputOf(args), options.onInvalid);
    if ('refused' in input) return input.refused as I;
    const customer = await getCurrentCustomer();
    if (!customer) return options.onSignedOut ? options.onSignedOut() : ({ ok: false, kind: 'signed_out' } as O);
    return action(input.data, customer);
  }) as WrappedAction<z.input<S>, R | I | O>;
}
