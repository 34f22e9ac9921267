import 'server-only';
import { and, eq, gte, sql } from 'drizzle-orm';
import { sandboxFlexitiAccounts, sandboxFlexitiAuthorizations, sandboxFlexitiCaptures } from '@/lib/db/schema';
import { json, readJson, type SandboxContext } from '@/lib/sandbox/router';
import { findAccountByNumber } from './accounts';
import { shapeObject } from './answer-shapes';
import { flexitiOptions } from './options';
import { flexitiError, wrongInputs } from './errors';
import { authenticate } from './tokens';
import { authorizationBodySchema, mergeFieldErrors, toFieldErrors } from './validation';
import { findSession, notThisFlowsToken, referenceIdError, tokenOwnsSession } from './widget-sessions';
import { authorizationJson } from './authorization-rows';

/**
 * Authorization, the first of the transactions (docs/partners/flexiti.md#transactions, paths under v2.5.1). Response bodies of authorization, capture and
 * release are not public: everything marked "simulator-defined" below is the sandbox's own shape
 * (docs/partners/flexiti.md#authorization), kept small so the client's typed adapter is the only place that reads it.
 */

/** Promotional plans the sandbox merchant offers (simulator-defined). */
export const SANDBOX_PLANS: Record<string, { terms: string[] }> = {
  'PROMO-0-6': { terms: ['6'] },
  'PROMO-0-12': { terms: ['12'] },
};

class Rejection extends Error {
  constructor(readonly response: Response) {
    super('rejected');
  }
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
