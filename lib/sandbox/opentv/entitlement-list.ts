import 'server-only';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { json, type SandboxContext } from '@/lib/sandbox/router';
import { opentvError, operatorGuard } from './guard';

import { E, entitlementToWire } from './entitlement-wire';

const COLUMNS = {
  _id: E.id,
  accountId: E.accountId,
  productId: E.productId,
  productType: E.productType,
  status: E.status,
  reasonCode: E.reasonCode,
  reasonCategory: E.reasonCategory,
  created: E.createdAt,
  modified: E.modifiedAt,
} as const;
type Field = keyof typeof COLUMNS;
const FILTERABLE: Field[] = ['_id', 'accountId', 'productId', 'productType', 'status', 'reasonCode', 'reasonCategory'];

const filterValue = z.union([z.string(), z.object({ $in: z.array(z.string()) }).strict()]);
const filterSchema = z.record(z.string(), filterValue).superRefine((f, ctx) => {
  for (const k of Object.keys(f)) {
    if (!FILTERABLE.includes(k as Field))
      ctx.addIssue({ code: 'custom', path: [k], message: 'is not a filterable field' });
  }
});
const sortSchema = z.record(z.string(), z.union([z.literal(1), z.literal(-1)])).superRefine((s, ctx) => {
  for (const k of Object.keys(s)) {
    if (!(k in COLUMNS)) ctx.addIssue({ code: 'custom', path: [k], message: 'is not a sortable field' });
  }
});
const positiveInt = (max: number) =>
  z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

function parseJsonParam<T>(raw: string | null, schema: z.ZodType<T>, name: string): { value?: T; error?: string } {
  if (raw === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { error: `${name}: must be a JSON object` };
  }
  const r = schema.safeParse(value);
  if (!r.success) return { error: r.error.issues.map((i) => `${name}.${i.path.join('.')}: ${i.message}`).join('; ') };
  return { value: r.data };
}

/**
 * `GET /crm-gateway/v1/rmg/v1/entitlements?filter=&limit=&page=&sort=` (docs/partners/opentv.md#list-entitlements: v1 path).
 * Simulator-defined details: `filter` supports equality and `{$in: [...]}`; `page` is 1-based and
 * requires `limit`; the answer is a JSON array with the total in `x-total-count`.
 */
export async function listEntitlements(req: Request, { url }: SandboxContext): Promise<Response> {
  const ctx = await operatorGuard(req, 'crm-gateway');
  if (ctx instanceof Response) return ctx;
  const q = url.searchParams;
  const filter = parseJsonParam(q.get('filter'), filterSchema, 'filter');
  if (filter.error) return opentvError('crm-gateway', 400, filter.error);
  const sort = parseJsonParam(q.get('sort'), sortSchema, 'sort');
  if (sort.error) return opentvError('crm-gateway', 400, sort.error);
  let limit: number | undefined;
  let page = 1;
  if (q.has('limit')) {
    const r = positiveInt(1000).safeParse(q.get('limit'));
    if (!r.success) return opentvError('crm-gateway', 400, `limit: ${r.error.issues[0]!.message}`);
    limit = r.data;
  }
  if (q.has('page')) {
    if (limit === undefined) return opentvError('crm-gateway', 400, 'page: requires limit');
    const r = positiveInt(1_000_000).safeParse(q.get('page'));
    if (!r.success) return opentvError('crm-gateway', 400, `page: ${r.error.issues[0]!.message}`);
    page = r.data;
  }
  const conditions: SQL[] = Object.entries(filter.value ?? {}).map(([k, v]) => {
    const col = COLUMNS[k as Field];
    return typeof v === 'string' ? eq(col, v) : v.$in.length ? inArray(col, v.$in) : sql`false`;
  });
  const where = conditions.length ? and(...conditions) : undefined;
  const order = Object.entries(sort.value ?? {}).map(([k, dir]) =>
    dir === 1 ? asc(COLUMNS[k as Field]) : desc(COLUMNS[k as Field]),
  );
  order.push(asc(E.id)); // stable pages
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: sql<number>`count(*)::int` })
    .from(E)
    .where(where);
  let query = ctx.db
    .select()
    .from(E)
    .where(where)
    .orderBy(...order)
    .$dynamic();
  if (limit !== undefined) query = query.limit(limit).offset((page - 1) * limit);
  const rows = await query;
  return json(rows.map(entitlementToWire), 200, { 'x-total-count': String(total) });
}
