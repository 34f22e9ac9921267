import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { sandboxFlexitiWidgetSessions } from '@/lib/db/schema';
import { json, readJson, type SandboxContext } from '@/lib/sandbox/router';
import { findAccount, normalizePostal, openAccount } from './accounts';
import { shapeObject } from './answer-shapes';
import { flexitiOptions } from './options';
import { flexitiError, wrongInputs } from './errors';
import { authenticate } from './tokens';
import { applyBodySchema, mergeFieldErrors, PERSONAL_FIELDS, toFieldErrors, type WidgetInitBody } from './validation';
import { findSession, notThisFlowsToken, referenceIdError, tokenOwnsSession } from './widget-sessions';

const samePerson = (a: Record<string, string | undefined>, b: Record<string, string | undefined>) =>
  PERSONAL_FIELDS.every((f) => {
    const x = (a[f] ?? '').trim();
    const y = (b[f] ?? '').trim();
    return f === 'postal_code' ? normalizePostal(x) === normalizePostal(y) : x.toLowerCase() === y.toLowerCase();
  });

/**
 * `POST v2.5/client-id/{clientId}/apply` (docs/partners/flexiti.md#apply). Request and response bodies are not
 * published: the sandbox takes the widget/init fields plus `widget_session_id` [inferred] and
 * answers with a simulator-defined decision (docs/partners/flexiti.md#authorization).
 */
export async function applyEndpoint(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: true });
  if (!auth.ok) return auth.response;
  const refError = referenceIdError(req);
  const parsed = applyBodySchema.safeParse(await readJson(req));
  const pi = parsed.success ? parsed.data.customer_identification?.personal_information : undefined;
  const missing = parsed.success
    ? PERSONAL_FIELDS.filter((f) => !pi?.[f]).map((f) => ({
        param: `customer_identification.personal_information.${f}`,
        msg: 'is required',
      }))
    : [];
  if (refError || !parsed.success || missing.length) {
    return wrongInputs(
      ctx.url,
      mergeFieldErrors([
        ...(refError ? [refError] : []),
        ...(parsed.success ? [] : toFieldErrors(parsed.error.issues)),
        ...missing,
      ]),
    );
  }
  const body = parsed.data;
  const { db, token } = auth;
  const session = await findSession(db, body.widget_session_id);
  const init = (session?.request ?? {}) as WidgetInitBody;
  // `not_verified`: "the /apply payload's personal information differs from the /init payload under
  // the same token, or the widget_session_id is wrong" (docs/partners/flexiti.md#apply).
  if (!session || session.flow !== 'apply') {
    return flexitiError(ctx.url, 409, 'not_verified', 'The widget_session_id does not match the one used on /init');
  }
  if (!(await tokenOwnsSession(db, session, token))) return notThisFlowsToken(ctx.url);
  if (!samePerson(pi!, init.customer_identification?.personal_information ?? {})) {
    return flexitiError(ctx.url, 409, 'not_verified', 'The personal information differs from the /init call');
  }
  if (!session.verified || session.applicationDecision === null) {
    return flexitiError(ctx.url, 409, 'not_verified', 'The customer was not verified in the widget');
  }
  if (body.tos_agreement === false) {
    return flexitiError(ctx.url, 409, 'tos_agreement_required', 'The Cardholder Agreement must be accepted');
  }
  if (await findAccount(db, { personal_information: pi })) {
    return flexitiError(ctx.url, 409, 'customer_already_exists', 'This customer already has a Flexiti account');
  }
  if (session.applicationDecision === 'declined') {
    return flexitiError(ctx.url, 409, 'application_declined', 'The application was declined');
  }
  const result = await db.transaction(async (tx) => {
    // Claim the session first so two concurrent /apply calls open one account between them.
    const [claimed] = await tx
      .update(sandboxFlexitiWidgetSessions)
      .set({ appliedAccountNumber: 'pending' })
      .where(
        and(eq(sandboxFlexitiWidgetSessions.id, session.id), isNull(sandboxFlexitiWidgetSessions.appliedAccountNumber)),
      )
      .returning({ id: sandboxFlexitiWidgetSessions.id });
    if (!claimed) return null;
    const account = await openAccount(tx, {
      first_name: pi!.first_name!,
      last_name: pi!.last_name!,
      dob: pi!.dob!,
      postal_code: pi!.postal_code!,
      email: body.email ?? (init.email as string | undefined) ?? null,
      phone: body.phone_number ?? (init.phone_number as string | undefined) ?? null,
      accountType:
        body.customer_identification?.account_type ??
        body.account_type ??
        init.customer_identification?.account_type ??
        init.account_type ??
        'consumer',
    });
    await tx
      .update(sandboxFlexitiWidgetSessions)
      .set({ appliedAccountNumber: account.accountNumber })
      .where(eq(sandboxFlexitiWidgetSessions.id, session.id));
    return account;
  });
  if (!result) {
    return flexitiError(ctx.url, 409, 'customer_already_exists', 'This application was already submitted');
  }
  // Simulator-defined response (docs/partners/flexiti.md#authorization: the /apply response is not public).
  const answer = {
    application_id: session.id,
    status: 'approved',
    account_number: Number(result.accountNumber),
    customer_id: result.customerId,
    account_type: result.accountType,
    credit_limit: result.creditLimitCents / 100,
    available_credit: result.availableCreditCents / 100,
    widget_session_id: session.id,
  };
  return json(shapeObject('application', answer, (await flexitiOptions(db)).answerShape));
}
