import 'server-only';
import { getConfig, type AppConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { onWorkerTick } from '@/lib/outbox';
import { registerHooks } from '@/lib/platform/hooks';
import { sandboxNow } from './clock';
import { deliverDueWebhooks } from './opentv/webhook-delivery';
import { sandboxSeedData, seedSandboxes } from './seed';
import { findPersonaByIdentityToken } from './ultra/personas';

/**
 * Plugs the partner sandboxes into the core's hooks (lib/platform/hooks.ts), only when the sandbox
 * is on: the sandbox clock QA can move, the sandboxes' seed data, the personas' existing OpenTV
 * accounts, and the OpenTV sandbox's webhook retries on the worker tick. Called by whatever starts
 * the app (lib/server-start.ts, scripts, the Vitest setup) before the database is opened, so the
 * core never imports lib/sandbox. Safe to call more than once (each call replaces the last).
 */
export function installSandbox(config: Pick<AppConfig, 'sandbox'> = getConfig()): boolean {
  if (!config.sandbox) return false;
  registerHooks({
    now: sandboxNow,
    seed: seedSandboxes,
    seedData: sandboxSeedData,
    suggestOpenTvAccount: (identityToken) =>
      findPersonaByIdentityToken(getConfig().ultra.merchantId, identityToken)?.opentvAccountId ?? null,
  });
  // Failed webhook deliveries are retried from the worker loop too (the sandbox arms its own
  // timer as well; this covers a restart).
  onWorkerTick(async () => {
    await deliverDueWebhooks(await getDb());
  }, 'opentv-sandbox-webhooks');
  return true;
}
