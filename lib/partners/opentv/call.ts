import 'server-only';
import type { HttpMethod, PartnerResponse } from '@/lib/partners/http';
import { OpenTvError } from './errors';
import type { CallContext } from './types';
import { opentvErrorSchema } from './wire';

/**
 * One authenticated request to OpenTV, as OpenTvClient makes it (client.ts: bearer token, tenant
 * header, the 403 retry, the tenant check behind a 404). The per-resource modules
 * (entitlements.ts, accounts.ts) are handed it, so they hold only what each endpoint means.
 */
export type OpenTvCall = (
  operation: string,
  method: HttpMethod,
  path: string,
  ctx: CallContext,
  extra?: { json?: unknown; retry?: 'safe' | 'none'; tenantRead?: boolean },
) => Promise<PartnerResponse>;

/** An answer the caller may act on, with OpenTV's `code` and message when its error body has them. */
export function errorOf(operation: string, res: PartnerResponse): OpenTvError {
  const body = opentvErrorSchema.safeParse(res.body);
  const message =
    (body.success && body.data.message) || (typeof res.body === 'string' ? res.body : `HTTP ${res.status}`);
  return new OpenTvError(operation, res.status, body.success ? body.data.code : undefined, message.slice(0, 300));
}
