/** Orders software hands to a person: raised on the worker's tick, resolved by staff (audited in app/ops/(console)/attention/actions.ts). */
export { raiseNeedsAttention } from './raise';
export { confirmWithAuthorization, failAndGiveBack, retryOrder, refundOrder, type ResolveResult } from './resolve';
