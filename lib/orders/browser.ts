/**
 * lib/orders' isomorphic door: the pure rules client components and pages share with the server
 * (the state machine, order ids, the customer's view of an order, the checkout form's schema).
 * Nothing here reads the database; the server door (index.ts) re-exports all of it.
 */
export { isPaid, wasPaid } from './state-machine';
export { orderIdFromSpoken, orderIdSchema } from './order-id';
export { customerHistory, customerStateKey, splitCustomerOrders, type HistoryEvent } from './customer-view';
export type { BillingPeriod } from './money-policy';
export { STATE_LABELS } from './messages';
export { parseCheckoutForm, type CheckoutForm } from './checkout/form-schema';
export { startCheckoutInputSchema, widgetEventInputSchema, type StartCheckoutInput } from './checkout/schema';
