import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import {
  sandboxFlexitiAccounts,
  sandboxFlexitiAuthorizations,
  sandboxFlexitiCaptures,
  sandboxFlexitiReturns,
} from '@/lib/db/schema';
import type { DbOrTx } from '@/lib/db/client';
import { json, readJson, type SandboxContext } from '@/lib/sandbox/router';
import { findAccountByNumber } from './accounts';
import { shapeList, shapeObject } from './answer-shapes';
import { flexitiOptions } from './options';
import { flexitiError, wrongInputs } from './errors';
import { authenticate } from './tokens';
import {
  authorizationBodySchema,
  captureBodySchema,
  listQuerySchema,
  mergeFieldErrors,
  returnBodySchema,
  toFieldErrors,
} from './validation';
import { findSession, notThisFlowsToken, referenceIdError, tokenOwnsSession } from './widget-sessions';

/**
 * Transactions (docs/partners/flexiti.md#transactions, paths under v2.5.1). Response bodies of authorization, capture and
 * release are not public: everything marked "simulator-defined" below is the sandbox's own shape
 * (docs/partners/flexiti.md#authorization), kept small so the client's typed adapter is the only place that reads it.
 */

type Authorization = typeof sandboxFlexitiAuthorizations.$inferSelect;
type Capture = typeof sandboxFlexitiCaptures.$inferSelect;

/** Promotional plans the sandbox merchant offers (simulator-defined). */
export const SANDBOX_PLANS: Record<string, { terms: string[] }> = {
  'PROMO-0-6': { terms: ['6'] },
  'PROMO-0-12': { terms: ['12'] },
};

/** docs/partners/flexiti.md#capture-release-return: a capture older than 100 days cannot be returned. */
const RETURN_WINDOW_MS = 100 * 24 * 3600 * 1000;

const dollars = (cents: number) => cents / 100;

class Rejection extends Error {
  constructor(readonly response: Response) {
    super('rejected');
  }
}

async function capturesOf(db: DbOrTx, authorizationIds: number[]): Promise<Capture[]> {
  if (!authorizationIds.length) return [];
  return db
    .select()
    .from(sandboxFlexitiCaptures)
    .where(inArray(sandboxFlexitiCaptures.authorizationId, authorizationIds))
    .orderBy(asc(sandboxFlexitiCaptures.id));
}

/** Simulator-defined authorization body (docs/partners/flexiti.md#authorization). */
function authorizationJson(a: Authorization, captures: Capture[]) {
  const returned = captures.reduce((n, c) => n + c.returnedCents, 0);
  return {
    authorization_id: a.id,
    status: a.status,
    account_number: Number(a.accountNumber),
    reference: a.reference,
    amount: dollars(a.amountCents),
    captured_amount: dollars(a.capturedCents),
    released_amount: dollars(a.releasedCents),
    returned_amount: dollars(returned),
    remaining_authorization_amount: dollars(a.amountCents - a.capturedCents - a.releasedCents),
    auto_capture: a.autoCapture,
    financing_option: {
      transaction_type: a.transactionType,
      ...(a.planId ? { plan_id: a.planId } : {}),
      ...(a.term ? { term: a.term } : {}),
    },
    capture_id: captures[0]?.id ?? null,
    captures: captures.map((c) => ({
      capture_id: c.id,
      reference: c.reference,
      amount: dollars(c.amountCents),
      remaining_capture_amount: dollars(c.amountCents - c.returnedCents),
      date: c.createdAt.toISOString(),
    })),
    creation_date: a.createdAt.toISOString(),
  };
}

/** `POST v2.5.1/client-id/{clientId}/authorization`. */
export async function authorize(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: true });
  if (!auth.ok) return auth.response;
  const refError = referenceIdError(req);
  const parsed = authorizationBodySchema.safeParse(await readJson(req));
  if (refError || !parsed.success) {
    return wrongInputs(
      ctx.url,
      mergeFieldErrors([
        ...(refError ? [refError] : []),
        ...(parsed.success ? [] : toFieldErrors(parsed.error.issues)),
      ]),
    );
  }
  const body = parsed.data;
  const { db, token, now } = auth;
  const url = ctx.url;
  const account = await findAccountByNumber(db, body.account_number);
  if (!account) return flexitiError(url, 404, 'not_found', 'No account with this account number');
  if (body.vcc_number && body.vcc_number !== account.vccNumber) {
    return flexitiError(url, 409, 'vcc_account_mismatch', 'The FlexitiCard does not belong to this account');
  }
  // Online channel: the customer must have been verified by the widget under this token (docs/partners/flexiti.md#authorization,
  // A.8). No session at all → 404 customer_identity_not_found; a session that is not this flow's
  // → 409 not_verified.
  if (!body.widget_session_id) {
    return flexitiError(url, 404, 'customer_identity_not_found', 'The customer did not go through the widget');
  }
  const session = await findSession(db, body.widget_session_id);
  const sessionAccount = session?.flow === 'apply' ? session.appliedAccountNumber : session?.accountNumber;
  if (!session || sessionAccount !== body.account_number) {
    return flexitiError(
      url,
      409,
      'not_verified',
      'For online channel the widget_session_id does not match the one used on the /init endpoint',
    );
  }
  if (!(await tokenOwnsSession(db, session, token))) return notThisFlowsToken(url);
  if (!session.verified) {
    return flexitiError(url, 404, 'customer_identity_not_found', 'The customer was not verified in the widget');
  }
  if (account.status !== 'active') {
    return flexitiError(url, 409, 'user_not_able_to_purchase', 'The account status does not allow purchases');
  }
  const fo = body.financing_option;
  if (fo.transaction_type === 'promotional_purchase') {
    if (fo.plan_id === undefined) {
      return flexitiError(url, 409, 'plan_term_not_set', 'A promotional purchase needs a plan_id');
    }
    const plan = SANDBOX_PLANS[String(fo.plan_id)];
    if (!plan || (fo.term !== undefined && !plan.terms.includes(String(fo.term)))) {
      return flexitiError(url, 409, 'plan_term_not_available', 'This plan or term is not available');
    }
  }
  const amountCents = body.amount;
  try {
    const result = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(sandboxFlexitiAuthorizations)
        .values({
          clientId: token.clientId,
          accountNumber: account.accountNumber,
          widgetSessionId: session.id,
          reference: body.reference ?? null,
          transactionType: fo.transaction_type,
          planId: fo.plan_id === undefined ? null : String(fo.plan_id),
          term: fo.term === undefined ? null : String(fo.term),
          amountCents,
          capturedCents: body.auto_capture ? amountCents : 0,
          status: body.auto_capture ? 'captured' : 'opened',
          autoCapture: body.auto_capture,
          skuData: body.sku_data ?? null,
          createdAt: now,
        })
        .onConflictDoNothing({ target: sandboxFlexitiAuthorizations.widgetSessionId })
        .returning();
      if (!created) {
        throw new Rejection(
          flexitiError(url, 409, 'not_permitted', 'This widget session already has an authorization'),
        );
      }
      // Simulator-defined: 0% promotional plans, so "amount plus interest" is the amount.
      const [held] = await tx
        .update(sandboxFlexitiAccounts)
        .set({ availableCreditCents: sql`${sandboxFlexitiAccounts.availableCreditCents} - ${amountCents}` })
        .where(
          and(
            eq(sandboxFlexitiAccounts.accountNumber, account.accountNumber),
            gte(sandboxFlexitiAccounts.availableCreditCents, amountCents),
          ),
        )
        .returning({ n: sandboxFlexitiAccounts.accountNumber });
      if (!held) {
        throw new Rejection(flexitiError(url, 409, 'credit_exceeded', 'The amount exceeds the available credit'));
      }
      const captures = body.auto_capture
        ? await tx
            .insert(sandboxFlexitiCaptures)
            .values({ authorizationId: created.id, reference: body.reference ?? null, amountCents, createdAt: now })
            .returning()
        : [];
      return authorizationJson(created, captures);
    });
    return json(shapeObject('authorization', result, (await flexitiOptions(db)).answerShape));
  } catch (e) {
    if (e instanceof Rejection) return e.response;
    throw e;
  }
}

async function loadAuthorization(
  db: DbOrTx,
  ctx: SandboxContext,
): Promise<{ ok: true; a: Authorization } | { ok: false; response: Response }> {
  const id = Number(ctx.params.authorizationId);
  const [a] = Number.isSafeInteger(id)
    ? await db
        .select()
        .from(sandboxFlexitiAuthorizations)
        .where(
          and(eq(sandboxFlexitiAuthorizations.id, id), eq(sandboxFlexitiAuthorizations.clientId, ctx.params.clientId!)),
        )
    : [];
  return a
    ? { ok: true, a }
    : { ok: false, response: flexitiError(ctx.url, 404, 'not_found', 'No authorization with this id') };
}

/** `POST .../authorization/{authorizationId}/capture` (merchant scope). */
export async function capture(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: false });
  if (!auth.ok) return auth.response;
  const parsed = captureBodySchema.safeParse(await readJson(req));
  if (!parsed.success) return wrongInputs(ctx.url, mergeFieldErrors(toFieldErrors(parsed.error.issues)));
  const found = await loadAuthorization(auth.db, ctx);
  if (!found.ok) return found.response;
  const { amount, reference } = parsed.data;
  if (found.a.status === 'released') {
    return flexitiError(ctx.url, 409, 'not_permitted', 'The authorization was released');
  }
  const a = sandboxFlexitiAuthorizations;
  return auth.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(a)
      .set({
        capturedCents: sql`${a.capturedCents} + ${amount}`,
        status: sql`case when ${a.capturedCents} + ${amount} + ${a.releasedCents} >= ${a.amountCents} then 'captured' else ${a.status} end`,
      })
      .where(
        and(
          eq(a.id, found.a.id),
          eq(a.status, 'opened'),
          gte(sql`${a.amountCents} - ${a.capturedCents} - ${a.releasedCents}`, amount),
        ),
      )
      .returning();
    if (!updated) {
      return flexitiError(ctx.url, 409, 'capture_amount_exceeded', 'The amount exceeds what is left to capture');
    }
    const [c] = await tx
      .insert(sandboxFlexitiCaptures)
      .values({ authorizationId: updated.id, reference: reference ?? null, amountCents: amount, createdAt: auth.now })
      .returning();
    // Simulator-defined capture response (docs/partners/flexiti.md#authorization).
    return json({
      capture_id: c!.id,
      authorization_id: updated.id,
      reference: c!.reference,
      amount: dollars(amount),
      date: c!.createdAt.toISOString(),
      remaining_authorization_amount: dollars(updated.amountCents - updated.capturedCents - updated.releasedCents),
    });
  });
}

/** `POST .../authorization/{authorizationId}/release` (merchant scope): gives back what is not captured. */
export async function release(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: false });
  if (!auth.ok) return auth.response;
  const found = await loadAuthorization(auth.db, ctx);
  if (!found.ok) return found.response;
  const a = sandboxFlexitiAuthorizations;
  return auth.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(a)
      .set({ releasedCents: sql`${a.amountCents} - ${a.capturedCents}`, status: 'released' })
      .where(and(eq(a.id, found.a.id), eq(a.status, 'opened')))
      .returning();
    if (!updated) {
      return flexitiError(ctx.url, 409, 'not_permitted', `The authorization is ${found.a.status}, not opened`);
    }
    await tx
      .update(sandboxFlexitiAccounts)
      .set({ availableCreditCents: sql`${sandboxFlexitiAccounts.availableCreditCents} + ${updated.releasedCents}` })
      .where(eq(sandboxFlexitiAccounts.accountNumber, updated.accountNumber));
    // Simulator-defined release response (docs/partners/flexiti.md#authorization).
    return json({
      authorization_id: updated.id,
      status: updated.status,
      released_amount: dollars(updated.releasedCents),
      remaining_authorization_amount: 0,
    });
  });
}

/** `POST .../authorization/{authorizationId}/capture/{captureId}/return` (merchant scope). */
export async function returnCapture(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: false });
  if (!auth.ok) return auth.response;
  const parsed = returnBodySchema.safeParse(await readJson(req));
  if (!parsed.success) return wrongInputs(ctx.url, mergeFieldErrors(toFieldErrors(parsed.error.issues)));
  const found = await loadAuthorization(auth.db, ctx);
  if (!found.ok) return found.response;
  const captureId = Number(ctx.params.captureId);
  const [cap] = Number.isSafeInteger(captureId)
    ? await auth.db
        .select()
        .from(sandboxFlexitiCaptures)
        .where(and(eq(sandboxFlexitiCaptures.id, captureId), eq(sandboxFlexitiCaptures.authorizationId, found.a.id)))
    : [];
  if (!cap) return flexitiError(ctx.url, 404, 'not_found', 'No capture with this id on this authorization');
  if (auth.now.getTime() - cap.createdAt.getTime() > RETURN_WINDOW_MS) {
    return flexitiError(ctx.url, 409, 'return_date_exceeded', 'The capture is older than 100 days');
  }
  const body = parsed.data;
  if (body.vcc_number) {
    const account = await findAccountByNumber(auth.db, found.a.accountNumber);
    if (account?.vccNumber !== body.vcc_number) {
      return flexitiError(ctx.url, 409, 'vcc_account_mismatch', 'The FlexitiCard does not belong to this account');
    }
  }
  const amount = body.full_return ? cap.amountCents - cap.returnedCents : body.amount!;
  const c = sandboxFlexitiCaptures;
  return auth.db.transaction(async (tx) => {
    const [updated] =
      amount > 0
        ? await tx
            .update(c)
            .set({ returnedCents: sql`${c.returnedCents} + ${amount}` })
            .where(and(eq(c.id, cap.id), gte(sql`${c.amountCents} - ${c.returnedCents}`, amount)))
            .returning()
        : [];
    if (!updated) {
      return flexitiError(ctx.url, 409, 'capture_amount_exceeded', 'The amount exceeds what is left on the capture');
    }
    const [r] = await tx
      .insert(sandboxFlexitiReturns)
      .values({ captureId: cap.id, reference: body.reference ?? null, amountCents: amount, createdAt: auth.now })
      .returning();
    await tx
      .update(sandboxFlexitiAccounts)
      .set({ availableCreditCents: sql`${sandboxFlexitiAccounts.availableCreditCents} + ${amount}` })
      .where(eq(sandboxFlexitiAccounts.accountNumber, found.a.accountNumber));
    const all = await capturesOf(tx, [found.a.id]);
    const returnedTotal = all.reduce((n, x) => n + x.returnedCents, 0);
    // Documented fields (docs/partners/flexiti.md#capture-release-return). remaining_authorization_amount is simulator-defined as the
    // authorized amount minus releases and returns.
    return json({
      return_id: r!.id,
      reference: r!.reference,
      capture_id: cap.id,
      date: r!.createdAt.toISOString(),
      amount: dollars(amount),
      remaining_capture_amount: dollars(updated.amountCents - updated.returnedCents),
      remaining_authorization_amount: dollars(found.a.amountCents - found.a.releasedCents - returnedTotal),
    });
  });
}

/** `GET .../authorization/{authorizationId}` (merchant scope). */
export async function getAuthorization(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: false });
  if (!auth.ok) return auth.response;
  const found = await loadAuthorization(auth.db, ctx);
  if (!found.ok) return found.response;
  const body = authorizationJson(found.a, await capturesOf(auth.db, [found.a.id]));
  return json(shapeObject('authorization', body, (await flexitiOptions(auth.db)).answerShape));
}

/** `GET .../authorizations?account_number=&...` (merchant scope); simulator-defined page shape. */
export async function listAuthorizations(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: false });
  if (!auth.ok) return auth.response;
  const parsed = listQuerySchema.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) return wrongInputs(ctx.url, mergeFieldErrors(toFieldErrors(parsed.error.issues)));
  const q = parsed.data;
  const a = sandboxFlexitiAuthorizations;
  const where = and(
    eq(a.clientId, ctx.params.clientId!),
    q.account_number ? eq(a.accountNumber, q.account_number) : undefined,
    q.transaction_type ? eq(a.transactionType, q.transaction_type) : undefined,
    q.authorization_status ? eq(a.status, q.authorization_status) : undefined,
    q.creation_date_from ? gte(a.createdAt, new Date(`${q.creation_date_from}T00:00:00Z`)) : undefined,
    q.creation_date_to
      ? lt(a.createdAt, new Date(Date.parse(`${q.creation_date_to}T00:00:00Z`) + 86_400_000))
      : undefined,
  );
  const pageNumber = q.page_number ?? 1;
  const pageSize = q.page_size ?? 20;
  const rows = await auth.db
    .select()
    .from(a)
    .where(where)
    .orderBy(desc(a.id))
    .limit(pageSize)
    .offset((pageNumber - 1) * pageSize);
  const [{ total } = { total: 0 }] = await auth.db
    .select({ total: sql<number>`count(*)::int` })
    .from(a)
    .where(where);
  const captures = await capturesOf(
    auth.db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) =>
    authorizationJson(
      r,
      captures.filter((c) => c.authorizationId === r.id),
    ),
  );
  return json(shapeList(items, { pageNumber, pageSize, total }, (await flexitiOptions(auth.db)).answerShape));
}
