import type { StartCheckoutActionResult } from './actions';
import type { Notice } from './checkout-notice';
import type { WidgetAnswer } from './use-widget-window';

type StartRefusal = Exclude<StartCheckoutActionResult, { ok: true }>;

/** What the customer is told when a checkout did not start (a form the server refused aside). */
export function startRefusalNotice(r: StartRefusal): { notice: Notice; refresh: boolean } {
  if (r.kind === 'verifying') return { notice: { tone: 'info', message: r.message, ordersLink: true }, refresh: false };
  if (r.kind === 'held') return { notice: { tone: 'info', message: r.message, orderLink: r.orderId }, refresh: false };
  // The page shows the current price again (server-rendered); the customer confirms it.
  if (r.kind === 'price_changed') return { notice: { tone: 'info', message: r.message }, refresh: true };
  // Flexiti failed to open its window (it carries a support reference): another attempt may work.
  // Signed out: the page renders again with the sign-in, and the message says why.
  const retry = 'referenceId' in r && Boolean(r.referenceId);
  return { notice: { tone: 'error', message: r.message, retry }, refresh: r.kind === 'signed_out' };
}

type Closing = Extract<WidgetAnswer, { ok: false }>;

/**
 * What the customer is told when Flexiti's window closed without a payment. `unreadable` is the
 * message for an answer the server could not read.
 */
export function widgetClosedNotice(r: Closing, unreadable: string): Notice {
  switch (r.kind) {
    case 'failed':
      // A Flexiti error (not a decline, which offers the other path): a new attempt may work.
      return { tone: 'error', message: r.message, offer: r.offer, retry: Boolean(r.referenceId) && !r.offer };
    case 'activation':
      return { tone: 'info', message: r.message, activationUrl: r.url };
    case 'expired':
      return { tone: 'info', message: r.message, restart: true };
    case 'switch':
    case 'cancelled':
    case 'retry':
      return { tone: 'info', message: r.message };
    case 'stale':
      return { tone: 'info', message: r.message, ordersLink: true };
    case 'held':
      return { tone: 'info', message: r.message, orderLink: r.heldOrderId };
    case 'invalid':
      return { tone: 'error', message: unreadable };
    default:
      return { tone: 'error', message: r.message };
  }
}
