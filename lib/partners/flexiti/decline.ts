import { formFieldForWireParam } from './form-wire';
import type { FlexitiError, FlexitiErrorCode } from './errors';

/**
 * Flexiti's answers in the app's terms, so the checkout never reads a Flexiti code
 * (docs/partners/flexiti.md#error-model). No server-only import: isomorphic like errors.ts.
 */

/** Why Flexiti said no to this customer (a decision about them, not a fault). */
export type DeclineReason =
  'credit_exceeded' | 'cannot_finance' | 'application_declined' | 'already_has_account' | 'not_verified';

export interface Decline {
  reason: DeclineReason;
  /** The other route Flexiti's answer points to; without one, the checkout offers the route not tried. */
  offer?: 'apply' | 'purchase';
}

const DECLINES: Partial<Record<FlexitiErrorCode, Decline>> = {
  credit_exceeded: { reason: 'credit_exceeded', offer: 'apply' },
  user_not_able_to_purchase: { reason: 'cannot_finance' },
  application_declined: { reason: 'application_declined', offer: 'purchase' },
  application_declined_2: { reason: 'application_declined', offer: 'purchase' },
  application_declined_3: { reason: 'application_declined', offer: 'purchase' },
  customer_already_exists: { reason: 'already_has_account', offer: 'purchase' },
  not_verified: { reason: 'not_verified' },
  customer_identity_not_found: { reason: 'not_verified' },
};

/** The customer decline this error is, or null when it is something else (a fault, a refusal of ours). */
export function declineOf(e: FlexitiError): Decline | null {
  return DECLINES[e.code] ?? null;
}

/** The form fields Flexiti refused (`wrong_inputs` with field errors), by our form's field names; empty otherwise. */
export function refusedFields(e: FlexitiError): { field: string; message: string }[] {
  if (e.code !== 'wrong_inputs') return [];
  return e.fieldErrors.map((f) => ({ field: formFieldForWireParam(f.param) ?? 'form', message: f.msg }));
}
