/**
 * When the `flexiti.reconcile` job looks a payment up again (docs/partners/flexiti.md#lookup-schedule).
 * Payment-specific on purpose: the outbox's generic backoff grows to minutes, which overshot the
 * not-found deadline by minutes (a refusal before processing stayed "being confirmed" for about
 * 16 minutes). Here the pace follows the time since the payment was asked, and the look-up
 * before the deadline is moved onto the deadline itself, so the deciding look-up is never late.
 */

/** Shortest and longest wait between two look-ups before the deadline. */
export const LOOKUP_MIN_GAP_MS = 5_000;
export const LOOKUP_MAX_GAP_MS = 20_000;
/** After the deadline (Flexiti unreadable, a give-back refused): slower, up to this. */
export const LOOKUP_AFTER_DEADLINE_MAX_GAP_MS = 5 * 60_000;

/**
 * The wait before the next look-up, `now` being when this one ended:
 *  - before `deadline`: a third of the time since `askedAt`, between 5 and 20 s, and never past
 *    the deadline; a look-up that would land less than 5 s before it lands on it instead;
 *  - at or after `deadline` (still undecided, so Flexiti could not be read or money could not
 *    be given back): half the time since the deadline, between 20 s and 5 minutes.
 */
export function nextLookupInMs(args: { askedAt: Date; deadline: Date; now: Date }): number {
  const now = args.now.getTime();
  const deadline = args.deadline.getTime();
  if (now >= deadline) {
    return clamp((now - deadline) / 2, LOOKUP_MAX_GAP_MS, LOOKUP_AFTER_DEADLINE_MAX_GAP_MS);
  }
  const gap = clamp((now - args.askedAt.getTime()) / 3, LOOKUP_MIN_GAP_MS, LOOKUP_MAX_GAP_MS);
  const left = deadline - now;
  return gap >= left - LOOKUP_MIN_GAP_MS ? left : gap;
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
