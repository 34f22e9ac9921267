import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { products } from '@/lib/db/schema';
import { ENTITLEMENT_STATUSES } from '@/lib/partners/opentv';
import { json, readJson, type SandboxContext } from '@/lib/sandbox/router';
import { findAccount } from './accounts';
import { describeIssues, opentvError, operatorGuard } from './guard';
import { isAllowedReason } from './reasons';

import { activationParameters, E, newActivation } from './entitlement-wire';

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });
const reasonPairRule = (cat: string | undefined, code: string | undefined, catName: string, codeName: string) => {
  if (cat === undefined && code === undefined) return null;
  if (cat === undefined || code === undefined) return `${catName} and ${codeName} must be sent together`;
  if (!isAllowedReason(cat, code)) return `${catName}/${codeName}: ${cat}/${code} is not an allowed reason pair`;
  return null;
};

const createSchema = z.object({
  _id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1–128 letters, digits, ".", ":", "-" or "_"')
    .optional(),
  productType: z.literal('THIRDPARTY', { error: 'must be THIRDPARTY' }),
  productId: z.string({ error: 'is required' }).min(1, 'is required'),
  accountId: z.string({ error: 'is required' }).min(1, 'is required'),
  status: z.literal('PENDING', { error: 'must be PENDING when creating' }),
  reasonCode: z.string().min(1).optional(),
  reasonCategory: z.string().min(1).optional(),
  // docs/partners/opentv.md#create-entitlement: the other documented versions' fields, accepted in a superset body.
  validFrom: isoDate.optional(),
  expiryDate: isoDate.optional(),
});

/** `POST /crm-gateway/v2/rmg/v1/entitlements` (docs/partners/opentv.md#create-entitlement, #duplicate-purchase, #entitlement-id). */
export async function createEntitlement(req: Request, { url }: SandboxContext): Promise<Response> {
  const ctx = await operatorGuard(req, 'crm-gateway');
  if (ctx instanceof Response) return ctx;
  const prohibitRaw = url.searchParams.get('prohibitDuplicateProductPurchase');
  if (prohibitRaw !== null && prohibitRaw !== 'true' && prohibitRaw !== 'false') {
    return opentvError('crm-gateway', 400, 'prohibitDuplicateProductPurchase: must be true or false');
  }
  const parsed = createSchema.safeParse(await readJson(req));
  if (!parsed.success) return opentvError('crm-gateway', 400, describeIssues(parsed.error));
  const body = parsed.data;
  const reasonProblem = reasonPairRule(body.reasonCategory, body.reasonCode, 'reasonCategory', 'reasonCode');
  if (reasonProblem) return opentvError('crm-gateway', 400, reasonProblem);

  const { db, now } = ctx;
  // A client-chosen `_id` that exists already: 409 and nothing created, so a retry of the same
  // create can never make a second entitlement (simulator-defined; clients treat it as success).
  if (body._id) {
    const [existing] = await db.select({ id: E.id }).from(E).where(eq(E.id, body._id));
    if (existing) return opentvError('crm-gateway', 409, `_id: entitlement ${body._id} already exists`);
  }
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.opentvProductId, body.productId));
  if (!product) return opentvError('crm-gateway', 400, `productId: product ${body.productId} does not exist`);
  if (!(await findAccount(db, body.accountId))) {
    return opentvError('crm-gateway', 400, `accountId: account ${body.accountId} does not exist`);
  }
  // docs/partners/opentv.md#duplicate-purchase: true = prohibit (follow the name): no second PENDING/ACTIVE entitlement of the product.
  if (prohibitRaw === 'true') {
    const [dup] = await db
      .select({ id: E.id })
      .from(E)
      .where(
        and(eq(E.accountId, body.accountId), eq(E.productId, body.productId), inArray(E.status, ['PENDING', 'ACTIVE'])),
      );
    if (dup) {
      return opentvError(
        'crm-gateway',
        400,
        `Duplicate product purchase: entitlement ${dup.id} already holds ${body.productId}`,
      );
    }
  }
  const activation = newActivation(now);
  const id = body._id ?? randomBytes(12).toString('hex');
  const inserted = await db
    .insert(E)
    .values({
      id,
      accountId: body.accountId,
      productId: body.productId,
      productType: body.productType,
      status: 'PENDING',
      reasonCode: body.reasonCode ?? null,
      reasonCategory: body.reasonCategory ?? null,
      validFrom: body.validFrom ?? null,
      expiryDate: body.expiryDate ?? null,
      ...activation,
      createdAt: now,
      modifiedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: E.id });
  // Lost a race with a concurrent create of the same `_id`.
  if (!inserted.length) return opentvError('crm-gateway', 409, `_id: entitlement ${id} already exists`);
  return json(
    { _id: id, parameters: activationParameters(activation.activationToken, activation.activationExpiresAt) },
    201,
  );
}

const TERMINAL = new Set(['CANCELLED', 'REVOKED']);

const updateSchema = z.object({
  status: z.enum(ENTITLEMENT_STATUSES, { error: `must be one of ${ENTITLEMENT_STATUSES.join(', ')}` }),
  productId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
  productType: z.literal('THIRDPARTY', { error: 'must be THIRDPARTY' }).optional(),
  reasonCode: z.string().min(1).optional(),
  reasonCategory: z.string().min(1).optional(),
  cancelReasonCode: z.string().min(1).optional(),
  cancelReasonCategory: z.string().min(1).optional(),
});

/** `PUT` (and `POST`, docs/partners/opentv.md#update-and-cancel) `/crm-gateway/v2/rmg/v1/entitlements/{id}` (docs/partners/opentv.md#update-and-cancel). */
export async function updateEntitlement(req: Request, { params }: SandboxContext): Promise<Response> {
  const ctx = await operatorGuard(req, 'crm-gateway');
  if (ctx instanceof Response) return ctx;
  const parsed = updateSchema.safeParse(await readJson(req));
  if (!parsed.success) return opentvError('crm-gateway', 400, describeIssues(parsed.error));
  const body = parsed.data;
  const problem =
    reasonPairRule(body.reasonCategory, body.reasonCode, 'reasonCategory', 'reasonCode') ??
    reasonPairRule(body.cancelReasonCategory, body.cancelReasonCode, 'cancelReasonCategory', 'cancelReasonCode');
  if (problem) return opentvError('crm-gateway', 400, problem);

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(E).where(eq(E.id, params.id!)).for('update');
    if (!row) return opentvError('crm-gateway', 404, `Entitlement ${params.id} not found`);
    if (body.accountId && body.accountId !== row.accountId) {
      return opentvError('crm-gateway', 400, 'accountId: does not match the entitlement');
    }
    if (body.productId && body.productId !== row.productId) {
      return opentvError('crm-gateway', 400, 'productId: does not match the entitlement');
    }
    // After a cancel or revoke Bango issues a new entitlement to re-subscribe (docs/partners/opentv.md#update-and-cancel).
    if (TERMINAL.has(row.status) && body.status !== row.status) {
      return opentvError('crm-gateway', 400, `status: entitlement is ${row.status} and cannot become ${body.status}`);
    }
    const next = {
      status: body.status,
      reasonCode: body.reasonCode ?? row.reasonCode,
      reasonCategory: body.reasonCategory ?? row.reasonCategory,
      cancelReasonCode: body.cancelReasonCode ?? row.cancelReasonCode,
      cancelReasonCategory: body.cancelReasonCategory ?? row.cancelReasonCategory,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== row[k]);
    if (changed) {
      await tx
        .update(E)
        .set({ ...next, modifiedAt: ctx.now })
        .where(eq(E.id, row.id));
    }
    // A repeated identical update (e.g. a retried cancel) matches without modifying: Mongo semantics.
    return json({ matchedCount: 1, modifiedCount: changed ? 1 : 0 });
  });
}

/** `DELETE /crm-gateway/v2/rmg/v1/entitlements/{id}` → `{deletedCount}` (docs/partners/opentv.md#update-and-cancel). */
export async function deleteEntitlement(req: Request, { params }: SandboxContext): Promise<Response> {
  const ctx = await operatorGuard(req, 'crm-gateway');
  if (ctx instanceof Response) return ctx;
  const deleted = await ctx.db.delete(E).where(eq(E.id, params.id!)).returning({ id: E.id });
  if (!deleted.length) return opentvError('crm-gateway', 404, `Entitlement ${params.id} not found`);
  return json({ deletedCount: deleted.length });
}

/** `GET /tpes/v1/operator/entitlements/{id}/activationinfo` (docs/partners/opentv.md#activation): PENDING only. */
export async function activationInfo(req: Request, { params }: SandboxContext): Promise<Response> {
  const ctx = await operatorGuard(req, 'tpes');
  if (ctx instanceof Response) return ctx;
  const id = params.id!;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(E).where(eq(E.id, id)).for('update');
    if (!row)
      return json({ entitlementId: id, responseCode: '404', responseMessage: `Entitlement ${id} not found` }, 404);
    if (row.status !== 'PENDING') {
      return json(
        { entitlementId: id, responseCode: '400', responseMessage: `Entitlement is ${row.status}, not PENDING` },
        400,
      );
    }
    let token = row.activationToken;
    let expiresAt = row.activationExpiresAt;
    // An expired (or missing) link is replaced: that is what this call is for.
    if (!token || !expiresAt || expiresAt <= ctx.now) {
      const fresh = newActivation(ctx.now);
      await tx.update(E).set(fresh).where(eq(E.id, id));
      token = fresh.activationToken;
      expiresAt = fresh.activationExpiresAt;
    }
    return json({
      entitlementId: id,
      responseCode: '200',
      responseMessage: 'OK',
      parameters: activationParameters(token, expiresAt),
    });
  });
}
