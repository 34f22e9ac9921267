import 'server-only';
import { and, count, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import { integrationCalls } from '@/lib/db/schema';

/** The global call log (`/ops/calls`): every `integration_calls` row, filtered, newest first. */

export const CALL_PARTNERS = integrationCalls.partner.enumValues;
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];
export const CALLS_PAGE_SIZE = 50;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// `datetime-local` values, read as UTC (the page says so).
const utcMinute = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
    .transform((s) => new Date(`${s}Z`))
    .refine((d) => !Number.isNaN(d.getTime()))
    .optional(),
);

/** Query-string filters; a value that does not parse is ignored (the form shows it cleared). */
export const callLogFilterSchema = z.object({
  partner: z.preprocess(blankToUndefined, z.enum(CALL_PARTNERS).optional()).catch(undefined),
  operation: z.preprocess(blankToUndefined, z.string().max(100).optional()).catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(STATUS_CLASSES).optional()).catch(undefined),
  order: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()).catch(undefined),
  from: utcMinute.catch(undefined),
  to: utcMinute.catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type CallLogFilter = z.infer<typeof callLogFilterSchema>;

function statusCondition(status: StatusClass): SQL {
  if (status === 'none') return isNull(integrationCalls.status);
  const low = Number(status[0]) * 100;
  return and(gte(integrationCalls.status, low), lt(integrationCalls.status, low + 100))!;
}

export async function listCalls(db: DbOrTx, filter: CallLogFilter) {
  const page = filter.page ?? 1;
  const conditions: SQL[] = [];
  if (filter.partner) conditions.push(eq(integrationCalls.partner, filter.partner));
  if (filter.operation) conditions.push(eq(integrationCalls.operation, filter.operation));
  if (filter.status) conditions.push(statusCondition(filter.status));
  if (filter.order) conditions.push(eq(integrationCalls.orderId, filter.order));
  if (filter.from) conditions.push(gte(integrationCalls.createdAt, filter.from));
  if (filter.to) conditions.push(lt(integrationCalls.createdAt, filter.to));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(integrationCalls)
      .where(where)
      .orderBy(desc(integrationCalls.createdAt), desc(integrationCalls.id))
      .limit(CALLS_PAGE_SIZE)
      .offset((page - 1) * CALLS_PAGE_SIZE),
    db.select({ n: count() }).from(integrationCalls).where(where),
  ]);
  const n = Number(total?.n ?? 0);
  return { rows, total: n, page, pages: Math.max(1, Math.ceil(n / CALLS_PAGE_SIZE)) };
}

/** The operations the log holds, for the filter's choices. */
export async function callOperations(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ op: integrationCalls.operation })
    .from(integrationCalls)
    .orderBy(integrationCalls.operation);
  return rows.map((r) => r.op);
}

/**
 * The origin each partner's calls go to, to turn a logged path back into a URL. Partial: a partner
 * added to the registry (lib/partners/registry.ts) is listed without one until its origin is added here.
 */
export function partnerOrigins(config: {
  ultra: { platformUrl: string; omsUrl: string };
  flexiti: { baseUrl: string };
  opentv: { baseUrl: string; tokenUrl: string };
}): Partial<Record<(typeof CALL_PARTNERS)[number], string>> {
  const origin = (u: string) => new URL(u).origin;
  return {
    ultra: origin(config.ultra.platformUrl),
    oms: origin(config.ultra.omsUrl),
    flexiti: origin(config.flexiti.baseUrl),
    opentv: origin(config.opentv.baseUrl),
    keycloak: origin(config.opentv.tokenUrl),
  };
}
