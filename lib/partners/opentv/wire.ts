import { z } from 'zod';
import { safeActivationUrl } from './activation-url';

/**
 * OpenTV and Keycloak wire shapes (docs/partners/opentv.md). Lenient where the vendor's documents
 * disagree (docs/partners/opentv.md#create-entitlement, #entitlement-id), strict where our logic depends on a field.
 */

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // docs/partners/opentv.md#keycloak-lifetimes: `token_type` is "Bearer" now, "bearer" in older versions.
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be Bearer'),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_expires_in: z.number().int().nonnegative().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export const opentvErrorSchema = z.object({ code: z.string().optional(), message: z.string().optional() }).loose();

// An unsafe or unreadable link is dropped, not the whole answer (the entitlement was still created).
const activationParams = z
  .object({
    action: z.string().optional(),
    url: z
      .string()
      .optional()
      .transform((v) => safeActivationUrl(v) ?? undefined),
    urlExpiry: z.string().optional(),
  })
  .loose();

/** docs/partners/opentv.md#create-entitlement, #entitlement-id: the id may be `_id`, `entitlementId` or `id`; the activation step may ride along. */
export const createEntitlementResponseSchema = z
  .object({
    _id: z.string().optional(),
    entitlementId: z.string().optional(),
    id: z.string().optional(),
    parameters: activationParams.optional(),
    activationInfo: z.object({ parameters: activationParams.optional() }).loose().optional(),
  })
  .loose();

export const activationInfoSchema = z
  .object({ entitlementId: z.string().optional(), responseCode: z.string().optional(), parameters: activationParams })
  .loose();

export const entitlementSchema = z
  .object({
    _id: z.string(),
    accountId: z.string(),
    productId: z.string(),
    productType: z.string().optional(),
    status: z.string(),
    reasonCode: z.string().nullish(),
    reasonCategory: z.string().nullish(),
    cancelReasonCode: z.string().nullish(),
    cancelReasonCategory: z.string().nullish(),
    created: z.string().optional(),
    modified: z.string().optional(),
  })
  .loose();

/** The list answer: a bare array, or an object wrapping one (the shape is undocumented). */
export const entitlementListSchema = z.union([
  z.array(entitlementSchema),
  z
    .object({ entitlements: z.array(entitlementSchema) })
    .loose()
    .transform((o) => o.entitlements),
  z
    .object({ resourceSet: z.array(entitlementSchema) })
    .loose()
    .transform((o) => o.resourceSet),
]);

export const accountSchema = z
  .object({
    _id: z.string(),
    status: z.string(),
    signonId: z.string().optional(),
    accountNumber: z.string().optional(),
    accountProfileId: z.string().nullish(),
    created: z.string().optional(),
    modified: z.string().optional(),
  })
  .loose();

export const createAccountResponseSchema = z.object({ _id: z.string().min(1) }).loose();

export const updateResponseSchema = z.object({ matchedCount: z.number(), modifiedCount: z.number() }).loose();
