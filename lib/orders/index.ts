import 'server-only';

/**
 * lib/orders' door (docs/architecture.md#homes): the only path code outside lib/orders imports
 * (client components take `@/lib/orders/browser`). The flows (checkout, cancel, fulfilment, staff
 * resolutions) and the reads pages need; lint refuses a deep import.
 */
export * from './browser';
export {
  findOpenCheckout,
  handleWidgetEvent,
  startCheckout,
  type StartCheckoutResult,
  type WidgetOutcome,
} from './checkout';
export { cancelOrder } from './cancel/cancel';
export { getCustomerOrder, listCustomerOrders, newFlexitiAccountFor, type CustomerOrderSummary } from './queries';
export { getFulfilmentView, type FulfilmentView } from './fulfilment/view';
export { applyEntitlementEvent } from './fulfilment/activation';
export {
  ensureOpenTvAccount,
  hasOpenTvSignonConflict,
  linkOpenTvAccount,
  suggestedOpenTvAccount,
} from './fulfilment/opentv-account';
export { enqueueConfirmationJobs } from './fulfilment/confirm';
export {
  confirmWithAuthorization,
  failAndGiveBack,
  refundOrder,
  retryOrder,
  type ResolveResult,
} from './needs-attention';
export { findLivePlan } from './live-plan';
export { planAccess } from './plan-access';
export { newOrderId } from './order-id';
export { transitionOrder, type Order } from './transitions';
export { registerOrderJobs } from './jobs';
