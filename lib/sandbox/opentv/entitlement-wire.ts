import 'server-only';
import { randomBytes } from 'node:crypto';
import { sandboxOpentvEntitlements, type SandboxOpentvEntitlementRow } from '@/lib/db/schema';
import { ACTIVATION_URL_TTL_S, sandboxBaseUrl } from './common';

export type EntitlementRow = SandboxOpentvEntitlementRow;
export const E = sandboxOpentvEntitlements;

export function entitlementToWire(e: EntitlementRow) {
  return {
    _id: e.id,
    accountId: e.accountId,
    productId: e.productId,
    productType: e.productType,
    status: e.status,
    ...(e.reasonCategory ? { reasonCategory: e.reasonCategory, reasonCode: e.reasonCode } : {}),
    ...(e.cancelReasonCategory
      ? { cancelReasonCategory: e.cancelReasonCategory, cancelReasonCode: e.cancelReasonCode }
      : {}),
    ...(e.validFrom ? { validFrom: e.validFrom } : {}),
    ...(e.expiryDate ? { expiryDate: e.expiryDate } : {}),
    created: e.createdAt.toISOString(),
    modified: e.modifiedAt.toISOString(),
  };
}

export const activationUrlFor = (token: string) => `${sandboxBaseUrl()}/activate/${token}`;

/** Bango's activation step as OPF passes it through (docs/partners/opentv.md#activation): `parameters.action = NAVIGATE_TO_URL`. */
export function activationParameters(token: string, expiresAt: Date) {
  return { action: 'NAVIGATE_TO_URL', url: activationUrlFor(token), urlExpiry: expiresAt.toISOString() };
}

export const newActivation = (now: Date) => ({
  activationToken: randomBytes(18).toString('base64url'),
  activationExpiresAt: new Date(now.getTime() + ACTIVATION_URL_TTL_S * 1000),
});
