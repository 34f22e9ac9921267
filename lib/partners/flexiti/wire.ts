import { z } from 'zod';

/**
 * Flexiti response bodies as received (docs/partners/flexiti.md#tokens, #widget-fields, #transactions). Partner input is parsed, never
 * trusted. Bodies Flexiti never published (apply, authorization, capture, release: docs/partners/flexiti.md#authorization)
 * are parsed leniently, requiring only what the app uses, so the real shape can differ in fields
 * we do not read.
 */

const id = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]).transform(String);
const money = z
  .number()
  .nonnegative()
  .transform((n) => Math.round(n * 100));

export const tokenResponseSchema = z.object({
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be bearer'),
  access_token: z.string().min(1).max(1000),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1).max(1000).optional().nullable(),
  scope: z.enum(['merchant', 'customer']).optional(),
});

export const widgetInitResponseSchema = z.object({ redirection_url: z.url({ protocol: /^https?$/ }) });

export const applyResponseSchema = z.object({
  account_number: id,
  status: z.string().optional(),
  customer_id: z.string().optional(),
  credit_limit: money.optional(),
  available_credit: money.optional(),
});

export const authorizationResponseSchema = z.object({
  authorization_id: id,
  status: z.string().default('opened'),
  account_number: id.optional(),
  reference: z.string().nullable().optional(),
  amount: money,
  captured_amount: money.optional(),
  // Not documented; the sandbox sends them and the reconciliation uses them when present.
  released_amount: money.optional(),
  returned_amount: money.optional(),
  capture_id: id.nullable().optional(),
  creation_date: z.string().optional(),
});

export const captureResponseSchema = z.object({
  capture_id: id,
  amount: money.optional(),
  remaining_authorization_amount: money.optional(),
});

export const releaseResponseSchema = z.object({
  status: z.string().optional(),
  released_amount: money.optional(),
});

// Documented (docs/partners/flexiti.md#capture-release-return): return_id, reference, capture_id, date, amount, remaining_* amounts.
export const returnResponseSchema = z.object({
  return_id: id,
  reference: z.string().nullable().optional(),
  capture_id: id,
  date: z.string().optional(),
  amount: money,
  remaining_capture_amount: money.optional(),
  remaining_authorization_amount: money.optional(),
});

export const authorizationListSchema = z.object({
  authorizations: z.array(authorizationResponseSchema),
  total: z.number().int().optional(),
});
