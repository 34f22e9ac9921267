import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { sandboxFlexitiWidgetSessions, type SandboxFlexitiWidgetSessionRow } from '@/lib/db/schema';
import { sandboxNow } from '@/lib/sandbox/clock';
import { json, readJson, type SandboxContext } from '@/lib/sandbox/router';
import {
  APPROVED_CREDIT_CENTS,
  findAccount,
  findAccountByNumber,
  SANDBOX_FLEXITI_ACCOUNTS,
  type SandboxAccount,
} from './accounts';
import { flexitiError, wrongInputs } from './errors';
import {
  defaultScenario,
  findScenario,
  outcomeFor,
  SCENARIO_IDS,
  SCENARIOS,
  TEST_PIN,
  unavailableReason,
  unavailableText,
  type ScenarioId,
  type SessionFacts,
  type Unavailable,
} from './scenarios';
import { flexitiOptions } from './options';
import { authenticate, type TokenRow } from './tokens';
import { isReferenceId, validateWidgetInit, type FieldError, type WidgetInitBody } from './validation';

export type WidgetSession = SandboxFlexitiWidgetSessionRow;

/**
 * Widget sessions: `widget/init` (docs/partners/flexiti.md#widget-fields) opens one, the widget page completes it
 * (docs/partners/flexiti.md#widget-events), `/apply` and `/authorization` check it (docs/partners/flexiti.md#apply).
 *
 * A session belongs to the access token that opened it (docs/partners/flexiti.md#flow-token):
 * Flexiti "takes the access_token as a referential value for the entire flow". By default (the
 * strict reading) only that token continues the flow; the lenient reading (the `flowToken`
 * sandbox option) also accepts a token refreshed from it (its *lineage*).
 */

/** Checks `x-reference-id` (docs/partners/flexiti.md#reference-id); returns the field error, if any. */
export function referenceIdError(req: Request): FieldError | null {
  const v = req.headers.get('x-reference-id');
  if (!v) return { param: 'x-reference-id', msg: 'header is required (32 hex characters or a UUID)' };
  return isReferenceId(v) ? null : { param: 'x-reference-id', msg: 'must be 32 hex characters or a hyphenated UUID' };
}

/**
 * Whether this token may continue the flow of this session: the token that opened it (strict,
 * the default), or any token of its lineage (lenient). docs/partners/flexiti.md#flow-token.
 */
export async function tokenOwnsSession(db: DbOrTx, session: WidgetSession, token: TokenRow): Promise<boolean> {
  if (session.openedWith === token.accessToken) return true;
  const lenient = (await flexitiOptions(db)).flowToken === 'lenient';
  return lenient && session.lineage === token.lineage;
}

/** 409 `not_verified` (docs/partners/flexiti.md#apply: the flow is tied to its token): another token than the flow's. */
export const notThisFlowsToken = (url: URL) =>
  flexitiError(url, 409, 'not_verified', 'This widget session was opened with another access token');

export async function findSession(db: DbOrTx, id: string): Promise<WidgetSession | undefined> {
  if (!z.uuid().safeParse(id).success) return undefined;
  const [row] = await db.select().from(sandboxFlexitiWidgetSessions).where(eq(sandboxFlexitiWidgetSessions.id, id));
  return row;
}

/** `POST v2.5/client-id/{clientId}/widget/init`. */
export async function widgetInit(req: Request, ctx: SandboxContext): Promise<Response> {
  const auth = await authenticate(req, ctx, { customerAllowed: true });
  if (!auth.ok) return auth.response;
  const refError = referenceIdError(req);
  const result = validateWidgetInit(await readJson(req));
  if (refError || !result.ok) {
    return wrongInputs(ctx.url, [...(refError ? [refError] : []), ...(result.ok ? [] : result.fieldErrors)]);
  }
  const body = result.body;
  const ci = body.customer_identification ?? {};
  const account = await findAccount(auth.db, {
    // Apply identifies the applicant by personal information only (docs/partners/flexiti.md#widget-fields).
    account_number: body.flow === 'purchase' ? ci.account_number : undefined,
    vcc_number: body.flow === 'purchase' ? ci.vcc_number : undefined,
    personal_information: ci.personal_information,
  });
  const id = randomUUID();
  const widgetKey = randomBytes(20).toString('hex');
  const lang = body.lang ?? 'en';
  const referenceId = req.headers.get('x-reference-id')!;
  await auth.db.insert(sandboxFlexitiWidgetSessions).values({
    id,
    widgetKey,
    clientId: auth.token.clientId,
    lineage: auth.token.lineage,
    openedWith: auth.token.accessToken,
    referenceId,
    flow: body.flow,
    lang,
    request: body as Record<string, unknown>,
    accountNumber: account?.accountNumber ?? null,
    // The widget works while the token that opened it does (the client refreshes first, docs/partners/flexiti.md#flow-token).
    expiresAt: auth.token.expiresAt,
    createdAt: auth.now,
  });
  // Flexiti's URL carries the access token (`/#/widget/{client_id}/{token}`); the sandbox puts a
  // random per-session key there instead, so no usable API token ever reaches the browser.
  const u = new URL(
    `${getConfig().appUrl}/sandbox/flexiti/widget/${encodeURIComponent(auth.token.clientId)}/${widgetKey}`,
  );
  u.searchParams.set('lang', lang);
  u.searchParams.set('x-reference-id', referenceId);
  u.searchParams.set('widget_session_id', id);
  return json({ redirection_url: u.toString() });
}

function facts(session: WidgetSession, account: SandboxAccount | undefined): SessionFacts {
  const req = session.request as WidgetInitBody;
  return {
    flow: session.flow,
    hasPersonalInfo: !!req.customer_identification?.personal_information?.first_name,
    account: account ? { status: account.status } : null,
  };
}

function accountTypeOf(session: WidgetSession, account: SandboxAccount | undefined): 'consumer' | 'business' {
  const req = session.request as WidgetInitBody;
  return account?.accountType ?? req.customer_identification?.account_type ?? req.account_type ?? 'consumer';
}

/** A stable customer id (`1234567-12345` shape) for people the sandbox has no account for yet. */
function provisionalCustomerId(sessionId: string): string {
  const h = createHash('sha256').update(sessionId).digest();
  return `${(h.readUInt32BE(0) % 9_000_000) + 1_000_000}-${(h.readUInt16BE(4) % 90_000) + 10_000}`;
}

export interface WidgetView {
  sessionId: string;
  clientId: string;
  flow: 'apply' | 'purchase';
  lang: 'en' | 'fr';
  /** The person the widget/init details name (the account holder when an account matched). */
  person: string | null;
  account: { holder: string; last4: string; status: string; availableCredit: number } | null;
  /** The last digits of the mobile number the SMS PIN goes to, when known. */
  phoneLast4: string | null;
  /** The credit line an approved application opens. */
  approvedCredit: number;
  scenarios: { id: ScenarioId; needsPin: boolean; unavailable: Unavailable | null }[];
  defaultScenario: ScenarioId;
  state: 'open' | 'completed' | 'expired';
  /** Shown in the widget's "Sandbox scenario" drawer so QA and sales need no other document. */
  testData: { pin: string; accounts: { accountNumber: string; holder: string }[] };
}

const fullName = (first?: string | null, last?: string | null) => [first, last].filter(Boolean).join(' ') || null;

/** What the widget page shows for a session, by the key in its URL; null when there is none. */
export async function loadWidgetView(clientId: string, key: string): Promise<WidgetView | null> {
  if (!/^[0-9a-f]{40}$/.test(key)) return null;
  const db = await getDb();
  const [session] = await db
    .select()
    .from(sandboxFlexitiWidgetSessions)
    .where(eq(sandboxFlexitiWidgetSessions.widgetKey, key));
  if (!session || session.clientId !== clientId) return null;
  const account = session.accountNumber ? await findAccountByNumber(db, session.accountNumber) : undefined;
  const f = facts(session, account);
  const req = session.request as WidgetInitBody;
  const pi = req.customer_identification?.personal_information;
  const phone = account?.phone ?? (req.phone_number ? String(req.phone_number) : null);
  const now = await sandboxNow(db);
  return {
    sessionId: session.id,
    clientId: session.clientId,
    flow: session.flow,
    lang: session.lang,
    person: account ? fullName(account.firstName, account.lastName) : fullName(pi?.first_name, pi?.last_name),
    account: account
      ? {
          holder: `${account.firstName} ${account.lastName}`,
          last4: account.accountNumber.slice(-4),
          status: account.status,
          availableCredit: account.availableCreditCents / 100,
        }
      : null,
    phoneLast4: phone ? phone.slice(-4) : null,
    approvedCredit: APPROVED_CREDIT_CENTS / 100,
    scenarios: SCENARIOS.filter((s) => s.flows.includes(session.flow) && s.id !== 'cancel').map((s) => ({
      id: s.id,
      needsPin: !!s.needsPin,
      unavailable: unavailableReason(s, f),
    })),
    defaultScenario: defaultScenario(f),
    state: session.completedAt ? 'completed' : session.expiresAt <= now ? 'expired' : 'open',
    testData: {
      pin: TEST_PIN,
      accounts: SANDBOX_FLEXITI_ACCOUNTS.map((a) => ({
        accountNumber: a.accountNumber,
        holder: `${a.firstName} ${a.lastName}`,
      })),
    },
  };
}

const outcomeBody = z.object({
  scenario: z.enum(SCENARIO_IDS, { error: `must be one of ${SCENARIO_IDS.join(', ')}` }),
  pin: z.string().max(10, 'must be at most 10 characters').optional(),
});

/**
 * `POST /widget-api/{key}/outcome` (sandbox-only, called by the widget page): records what the
 * customer did and answers with the exact message the page posts to `window.parent`. The server
 * decides, so `/authorization` can trust a verified session.
 */
export async function widgetOutcome(req: Request, ctx: SandboxContext): Promise<Response> {
  const key = ctx.params.key ?? '';
  const parsed = outcomeBody.safeParse(await readJson(req));
  if (!parsed.success) {
    return wrongInputs(
      ctx.url,
      parsed.error.issues.map((i) => ({ param: i.path.join('.') || 'body', msg: i.message })),
    );
  }
  const db = await getDb();
  const [session] = /^[0-9a-f]{40}$/.test(key)
    ? await db.select().from(sandboxFlexitiWidgetSessions).where(eq(sandboxFlexitiWidgetSessions.widgetKey, key))
    : [];
  if (!session) return flexitiError(ctx.url, 404, 'not_found', 'No widget session for this link');
  if (session.completedAt) {
    return flexitiError(ctx.url, 409, 'session_completed', 'This widget session has already ended');
  }
  const now = await sandboxNow(db);
  const account = session.accountNumber ? await findAccountByNumber(db, session.accountNumber) : undefined;
  const scenario = findScenario(parsed.data.scenario)!;
  let outcome;
  if (session.expiresAt <= now) {
    // The token that opened the widget expired: the widget can only fail (docs/partners/flexiti.md#flow-token, 20 minutes).
    outcome = {
      message: { eventType: 'flx-failure' as const, eventData: { error: 401, message: 'The session has expired' } },
      verified: false,
      applicationDecision: null,
    };
  } else {
    const reason = unavailableReason(scenario, facts(session, account));
    if (reason) {
      const text = `${scenario.label}: ${unavailableText(scenario, reason)}`;
      return flexitiError(ctx.url, 409, 'scenario_not_applicable', text);
    }
    if (scenario.needsPin && parsed.data.pin !== TEST_PIN) {
      return flexitiError(ctx.url, 400, 'wrong_pin', 'The PIN is not correct. The sandbox test PIN is 2222.');
    }
    outcome = outcomeFor(scenario.id, {
      widgetSessionId: session.id,
      accountNumber: account?.accountNumber ?? null,
      customerId: account?.customerId ?? provisionalCustomerId(session.id),
      accountType: accountTypeOf(session, account),
    });
  }
  const [done] = await db
    .update(sandboxFlexitiWidgetSessions)
    .set({
      scenario: scenario.id,
      outcome: outcome.message,
      verified: outcome.verified,
      applicationDecision: outcome.applicationDecision,
      completedAt: now,
    })
    .where(and(eq(sandboxFlexitiWidgetSessions.id, session.id), isNull(sandboxFlexitiWidgetSessions.completedAt)))
    .returning({ id: sandboxFlexitiWidgetSessions.id });
  if (!done) return flexitiError(ctx.url, 409, 'session_completed', 'This widget session has already ended');
  return json(outcome.message);
}
