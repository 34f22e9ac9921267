import type { EntitlementStatus } from './webhook';

/** App-level OpenTV types: what the rest of the storefront sees (no wire shapes). */

export interface OpenTvEntitlement {
  id: string;
  accountId: string;
  productId: string;
  /** One of ENTITLEMENT_STATUSES normally; kept as string so an unexpected status is visible. */
  status: EntitlementStatus | (string & {});
  reasonCategory: string | null;
  reasonCode: string | null;
  createdAt: string | null;
  modifiedAt: string | null;
}

export interface OpenTvAccount {
  id: string;
  status: string;
  accountNumber: string | null;
  /** The account's sign-on (an e-mail address in our accounts): proof of whose account it is. */
  signonId: string | null;
}

export interface ActivationLink {
  url: string;
  /** ISO-8601, when the partner says. */
  expiresAt: string | null;
}

export interface CreatedEntitlement {
  entitlementId: string;
  /** Where the customer completes activation (Bango); null when OpenTV gave none. */
  activationUrl: string | null;
  activationUrlExpiry: string | null;
  /** True when an entitlement with our `_id` existed already (a retried create). */
  alreadyExisted: boolean;
}

/** A Bango reason pair (docs/partners/opentv.md#reason-codes). */
export interface ReasonPair {
  category: string;
  code: string;
}

export interface CallContext {
  correlationId?: string;
  orderId?: string;
}
