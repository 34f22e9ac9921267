import 'server-only';
import type { z } from 'zod';
import { requireStaff } from '@/lib/ops/access';
import {
  inputOf,
  parseInput,
  type ActionOptions,
  type ValidationFailure,
  type WrappedAction,
} from './validated-action';

export type StaffActionOptions<I> = ActionOptions<I> & {
  /** The console page the action belongs to: where sign-in returns to. */
  returnTo: string;
};

/**
 * `validatedAction` for staff: the staff session is checked first, like every ops page
 * (lib/ops/access.ts `requireStaff`: no session → the staff sign-in, a customer → 403), so a
 * non-staff caller learns nothing about the form; then `guard`, then the input. The action gets
 * the staff member's name for its `ops_audit` row.
 */
export function validatedActionWithStaff<S extends z.ZodType, R, I = ValidationFailure>(
  schema: S,
  action: (data: z.output<S>, staff: string) => Promise<R>,
  options: StaffActionOptions<I>,
): WrappedAction<z.input<S>, R | I> {
  return (async (...args: unknown[]) => {
    const staff = await requireStaff(options.returnTo);
    await options.guard?.();
    const input = await parseInput(schema, inputOf(args), options.onInvalid);
    if ('refused' in input) return input.refused as I;
    return action(input.data, staff);
  }) as WrappedAction<z.input<S>, R | I>;
}
