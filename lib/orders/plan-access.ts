import 'server-only';
import { getDb } from '@/lib/db/client';
import { platformNow } from '@/lib/platform/clock';
import { planEndsAt, type BillingPeriod } from './money-policy';

/**
 * Until when an activated plan gives access, and whether that moment has passed on the clock the
 * one-live-plan rule uses (the outbox's: the sandbox clock when QA moved it), so the order page and
 * the checkout never disagree about whether a plan still runs. Null before activation: the period
 * starts then (docs/refund-policy.md#one-live-plan).
 */
export async function planAccess(
  activatedAt: Date | null,
  billingPeriod: BillingPeriod,
): Promise<{ endsAt: Date; ended: boolean } | null> {
  if (!activatedAt) return null;
  const endsAt = planEndsAt({ billingPeriod, activatedAt, purchasedAt: activatedAt });
  return { endsAt, ended: (await platformNow(await getDb())).getTime() >= endsAt.getTime() };
}
