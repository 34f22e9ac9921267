import { redirect } from 'next/navigation';
import type { z } from 'zod';

/**
 * Answers of actions that redirect (the ops console, the sandbox and demo pages): the outcome goes
 * back to a page as fixed codes in its URL, which the page turns into its message.
 */

/** The first field at fault, as `field: message` (`form` for the whole input). */
export function firstProblem(e: z.ZodError): string {
  const i = e.issues[0];
  return `${i?.path.join('.') || 'form'}: ${i?.message ?? 'invalid'}`;
}

/** Redirects to `path` with `params` in its query. */
export function back(path: string, params: Record<string, string | number>): never {
  redirect(`${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`);
}

/** Bad input on a page: back to it, naming the first field at fault. */
export const invalidOn = (path: string) => (e: z.ZodError) => back(path, { error: 'invalid', detail: firstProblem(e) });
