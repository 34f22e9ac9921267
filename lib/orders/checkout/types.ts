import type { Notice } from '@/lib/i18n/notice';
import type { FlexitiClient } from '@/lib/partners/flexiti';
import type { CheckoutFlowRow } from '@/lib/db/schema';

/** What the checkout answers the customer's browser, and the shapes its steps share. */

/** Who is checking out; `lang` as their record has it (when known, an unchanged choice is not written again). */
export type CheckoutCustomer = { id: string; lang?: string };
/** How the customer pays at Flexiti: apply for credit, or buy with an existing account (not a URL route). */
export type CheckoutPath = 'apply' | 'purchase';

export type StartCheckoutResult =
  | { ok: true; orderId: string; redirectionUrl: string; referenceId: string; tokenExpiresInMs: number }
  | { ok: false; kind: 'invalid'; fieldErrors: Record<string, string>; message: string; notice?: Notice }
  | { ok: false; kind: 'not_found'; message: string; notice?: Notice }
  | { ok: false; kind: 'verifying'; orderId: string; message: string; notice?: Notice }
  /** The customer holds this plan now (docs/refund-policy.md#one-live-plan): `orderId` is that order. */
  | { ok: false; kind: 'held'; orderId: string; message: string; notice?: Notice }
  /** The page showed another price than the plan's current one: the customer sees it and confirms again. */
  | { ok: false; kind: 'price_changed'; message: string; notice?: Notice }
  | { ok: false; kind: 'error'; message: string; notice?: Notice; referenceId?: string };

export type WidgetOutcome =
  | { kind: 'paid'; orderId: string }
  /**
   * Flexiti's answer to `/authorization` was not a definite yes or no: the order is
   * PAYMENT_VERIFYING and is being reconciled. Never offer to pay again from here.
   */
  | { kind: 'verifying'; orderId: string; message: string; notice?: Notice }
  /** Payment not completed; the order is PAYMENT_FAILED. `offer` is the other route, if any. */
  | { kind: 'failed'; orderId: string; message: string; notice?: Notice; referenceId?: string; offer?: CheckoutPath }
  /**
   * Another order of the customer for this plan got paid (or is being paid) first: this one ended
   * before Flexiti was asked for money. `heldOrderId` is the other order.
   */
  | { kind: 'held'; orderId: string; heldOrderId: string; message: string; notice?: Notice }
  | { kind: 'activation'; orderId: string; message: string; notice?: Notice; url: string }
  | { kind: 'cancelled'; orderId: string; message: string; notice?: Notice }
  | { kind: 'switch'; orderId: string; to: CheckoutPath; accountNumber?: string; message: string; notice?: Notice }
  | { kind: 'retry'; orderId: string; message: string; notice?: Notice }
  /**
   * The flow's token ran out before Flexiti was asked to take the money, or Flexiti refused it
   * (401): nothing was charged. The customer starts again with a new flow and token.
   */
  | { kind: 'expired'; orderId: string; message: string; notice?: Notice }
  /** This widget answer is not the order's current one (another tab, already handled). */
  | { kind: 'stale'; orderId: string; message: string; notice?: Notice }
  | { kind: 'not_found'; message: string; notice?: Notice };

export interface CheckoutDeps {
  client?: FlexitiClient;
  /** The price the checkout page showed the customer (docs/refund-policy.md#price). */
  shownPriceCents?: number;
}

export type FlowRow = CheckoutFlowRow;
