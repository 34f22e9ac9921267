import { json } from '@/lib/sandbox/router';
import type { FieldError } from './validation';

/**
 * Flexiti's error body (docs/partners/flexiti.md#error-model): the only published example is
 * `{url, message, error, field_errors:[{param,msg}]}`; other errors use the same core without
 * `field_errors` [inferred].
 */
export function flexitiError(
  url: URL,
  status: number,
  error: string,
  message: string,
  fieldErrors?: FieldError[],
): Response {
  return json({ url: url.pathname, message, error, ...(fieldErrors ? { field_errors: fieldErrors } : {}) }, status);
}

export function wrongInputs(url: URL, fieldErrors: FieldError[]): Response {
  return flexitiError(url, 409, 'wrong_inputs', 'Some inputs are wrong!', fieldErrors);
}
