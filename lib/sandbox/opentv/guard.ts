import 'server-only';
import type { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb, type Db } from '@/lib/db/client';
import { sandboxNow } from '@/lib/sandbox/clock';
import { json } from '@/lib/sandbox/router';
import { injectedFault } from './faults';
import { verifyAccessToken } from './keycloak';
import { opentvOptions } from './options';

/** The API family, used in error codes `<module>:<http>` (docs/partners/opentv.md#error-bodies). */
export type OpenTvModule = 'crm-gateway' | 'adm' | 'tpes';

export function opentvError(module: OpenTvModule, status: number, message: string): Response {
  return json({ code: `${module}:${status}`, message }, status);
}

/** One line per zod issue, naming the field: `productType: must be THIRDPARTY`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
}

export interface OperatorContext {
  db: Db;
  now: Date;
  correlationId: string;
}

/**
 * The checks every operator API makes, in this order: injected faults; a valid, unexpired
 * Keycloak access token with `operatorRole` (403, as Nagra documents — never 401, docs/partners/opentv.md#operator-headers);
 * `nv-tenant-id` naming the configured tenant, unless the sandbox plays an unknown one (404,
 * docs/partners/opentv.md#tenant-404); `x-correlation-id` (400).
 */
export async function operatorGuard(req: Request, module: OpenTvModule): Promise<OperatorContext | Response> {
  const db = await getDb();
  const fault = await injectedFault(db, 'opentv');
  if (fault) return fault;
  const now = await sandboxNow(db);
  const token = await verifyAccessToken(req.headers.get('authorization'), now);
  if (!token.ok) return opentvError(module, 403, `Forbidden: ${token.message}`);
  const tenant = req.headers.get('nv-tenant-id');
  // The `tenant: unknown` reading plays a tenant OpenTV does not know (a wrong OPENTV_TENANT_ID).
  if (!tenant || tenant !== getConfig().opentv.tenantId || (await opentvOptions(db)).tenant === 'unknown') {
    return opentvError(module, 404, tenant ? `Tenant ${tenant} does not exist` : 'nv-tenant-id header is missing');
  }
  const correlationId = req.headers.get('x-correlation-id');
  if (!correlationId) return opentvError(module, 400, 'x-correlation-id header is required');
  return { db, now, correlationId };
}
