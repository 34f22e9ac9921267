import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { sandboxSettings } from '@/lib/db/schema';
import { json } from '@/lib/sandbox/router';

/**
 * Fault injection from `sandbox_settings` (row `opentv` for the operator APIs, `keycloak` for the
 * token endpoint): added latency, a random 503 rate, and a forced error (optionally for the next
 * `times` calls only). This is how QA and e2e simulate an OpenTV outage.
 */
export async function injectedFault(db: Db, partner: 'opentv' | 'keycloak'): Promise<Response | null> {
  const [s] = await db.select().from(sandboxSettings).where(eq(sandboxSettings.partner, partner));
  if (!s) return null;
  if (s.latencyMs > 0) await new Promise((r) => setTimeout(r, Math.min(s.latencyMs, 30_000)));
  const forced = s.forcedError;
  if (forced) {
    if (forced.times !== undefined) {
      // Decrement atomically so two instances never both consume the last forced error.
      const claimed = await db
        .update(sandboxSettings)
        .set({
          forcedError: sql`case when (${sandboxSettings.forcedError}->>'times')::int <= 1 then null
            else jsonb_set(${sandboxSettings.forcedError}, '{times}', to_jsonb((${sandboxSettings.forcedError}->>'times')::int - 1)) end`,
        })
        .where(sql`${sandboxSettings.partner} = ${partner} and (${sandboxSettings.forcedError}->>'times')::int >= 1`)
        .returning({ partner: sandboxSettings.partner });
      if (claimed.length) return json(forced.body, forced.status);
    } else {
      return json(forced.body, forced.status);
    }
  }
  if (s.errorRate > 0 && Math.random() * 100 < s.errorRate) {
    return json({ code: `${partner}:503`, message: 'Service unavailable (sandbox error rate)' }, 503);
  }
  return null;
}
