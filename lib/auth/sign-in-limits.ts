import 'server-only';
import type { AppConfig } from '@/lib/config-schema';
import { hitInTurn, type LimitResult } from '@/lib/security/rate-limit';

/**
 * Customer sign-in limits, checked before Flipkart is asked anything: every attempt is a grant
 * exchange with our merchant credentials, and a flood would get the merchant throttled at
 * Flipkart, which fails sign-in for every customer. Per client address first (so one address
 * over its limit does not spend the store's budget), then one budget for the whole store.
 * Both entry points pass here (the provider's authorize(); proxy.ts also closes Auth.js's
 * callback).
 */
export async function spendSignInAttempt(
  config: Pick<AppConfig, 'signInLimits'>,
  address: string,
): Promise<LimitResult> {
  // One statement: the store's budget is counted only when the address is within its own limit.
  return hitInTurn(
    { limit: { name: 'signInAddress', points: config.signInLimits.perAddressPerMinute, duration: 60 }, key: address },
    { limit: { name: 'signInBudget', points: config.signInLimits.budgetPerMinute, duration: 60 }, key: 'store' },
  );
}
