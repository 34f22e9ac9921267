import 'server-only';
import type { PartnerName } from './registry';

/**
 * What every partner client is (docs/architecture.md#partners): one class per partner, built from
 * plain settings, one public method per endpoint returning app types. The app's shared instance is
 * kept by client-cache.ts; `/ops/health` and `npm run partners:check` build a fresh one, so the
 * app's cached tokens are untouched.
 */
export abstract class PartnerClient<Settings> {
  abstract readonly partner: PartnerName;
  constructor(protected readonly settings: Settings) {}
  /** /ops/health and partners:check: do the partner's credentials work right now? Throws if not. */
  abstract checkCredentials(ctx?: { correlationId?: string }): Promise<unknown>;
}
