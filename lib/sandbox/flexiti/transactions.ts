import 'server-only';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import {
  sandboxFlexitiAccounts,
  sandboxFlexitiAuthorizations,
  sandboxFlexitiCaptures,
  sandboxFlexitiReturns,
} from '@/lib/db/schema';
import { json, readJson, type SandboxContext } from '@/lib/sandbox/router';
import { findAccountByNumber } from './accounts';
import { shapeList, shapeObject } from './answer-shapes';
import { flexitiOptions } from './options';
import { flexitiError, wrongInputs } from './errors';
import { authenticate } from './tokens';
import { captureBodySchema, listQuerySchema, mergeFieldErrors, returnBodySchema, toFieldErrors } from './validation';
import { authorizationJson, capturesOf, dollars, loadAuthorization } from './authorization-rows';

/**
 * Transactions (docs/partners/flexiti.md#transactions, paths under v2.5.1). Response bodies of authorization, capture and
 * release are not public: everything marked "simulator-defined" below is the sandbox's own shape
 * (docs/partners/flexiti.md#authorization), kept small so the client's typed adapter is the only place that reads it.
 */

/** docs/partners/flexiti.md#capture-release-return: a capture older than 100 days cannot be returned. */
const RETURN_WINDOW_MS = 100 * 24 * 3600 * 1000;

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
