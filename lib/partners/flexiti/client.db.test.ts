import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { integrationCalls } from '@/lib/db/schema';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { parseCheckoutForm } from '@/lib/orders/browser';
import type { FlexitiApplyForm, FlexitiCheckoutForm } from './form-wire';
import { newFlexitiReferenceId } from './call';
import { FlexitiClient, flexitiClient } from './client';
import { FlexitiError, isFlexitiError, toFlexitiError } from './errors';
import { FLEXITI_ANSWER_SHAPES, queueFaults, setSandboxOptions } from '@/test/support/sandbox';

/**
 * The Flexiti client against the sandbox over HTTP: scopes per call, token renewal, single flight,
 * error mapping, and the call log.
 */

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    // A server that answers 200 with something that is not Flexiti's shape.
    mounts: {
      '/odd': () => Response.json({ hello: 'world' }),
      // Issues tokens, then never answers anything else in time.
      '/hang': (req) =>
        new URL(req.url).pathname.endsWith('/oauth/token')
          ? Response.json({
              token_type: 'bearer',
              access_token: 'a'.repeat(40),
              expires_in: 1200,
              refresh_token: 'b'.repeat(40),
            })
          : new Promise<Response>((r) => setTimeout(() => r(Response.json({})), 2_000)),
    },
  });
});
afterAll(async () => app?.close());

const form = (input: Record<string, unknown>): FlexitiCheckoutForm => {
  const r = parseCheckoutForm(input);
  if (!r.success) throw new Error(JSON.stringify(r.fieldErrors));
  return r.data;
};
const byAccount = (accountNumber: string) => form({ flow: 'purchase', identifyBy: 'account', accountNumber });

/** What the widget page does when the tester picks a scenario. */
// The customer types the SMS PIN (the sandbox's is 2222) whenever the scenario asks for one.
async function widget(redirectionUrl: string, scenario: string, pin = '2222') {
  const key = new URL(redirectionUrl).pathname.split('/').pop();
  const res = await fetch(`${app.url}/sandbox/flexiti/widget-api/${key}/outcome`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario, pin }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const tokenCalls = () =>
  app.open.db
    .select()
    .from(integrationCalls)
    .where(and(eq(integrationCalls.partner, 'flexiti'), like(integrationCalls.operation, 'token.%')))
    .orderBy(asc(integrationCalls.id));

function newClient(now?: () => number): FlexitiClient {
  const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
  return new FlexitiClient({ baseUrl, clientId, clientSecret }, { now });
}

beforeEach(async () => {
  await app.open.db.delete(integrationCalls);
});

/** A new applicant through widget/init, the widget (PIN 2222) and an approved `/apply`. */
async function approvedApplication(client: FlexitiClient) {
  const flow = { referenceId: newFlexitiReferenceId() };
  const f = form({
    flow: 'apply',
    firstName: 'Noor',
    lastName: `Khan${Math.random().toString(36).slice(2, 7)}`,
    dateOfBirth: '1992-08-08',
    postalCode: 'M4C 1B5',
    email: 'noor@example.com',
    mobile: '416 555 0142',
    address1: '5 Bay St',
    city: 'Toronto',
    province: 'ON',
    agreeToTerms: true,
  }) as FlexitiApplyForm;
  const s = await client.initWidget(f, flow);
  // Later calls of the flow use the token its widget session is tied to (as the checkout does).
  Object.assign(flow, { accessToken: s.accessToken });
  await widget(s.redirectionUrl, 'apply-approved', '2222');
  const application = await client.apply(f, s.widgetSessionId!, flow);
  expect(application).toMatchObject({
    status: 'approved',
    accountNumber: expect.stringMatching(/^\d+$/),
    creditLimitCents: 150_000,
  });
  return { f, flow, s, application };
}

describe('the purchase flow', () => {
  it('init → verified widget → authorize with auto capture, all with customer tokens', async () => {
    const client = newClient();
    const flow = { referenceId: newFlexitiReferenceId(), correlationId: crypto.randomUUID(), orderId: 'ord-1' };
    const session = await client.initWidget(byAccount('20009100'), flow);
    // Later calls of the flow use the token its widget session is tied to (as the checkout does).
    Object.assign(flow, { accessToken: session.accessToken });
    expect(session.referenceId).toBe(flow.referenceId);
    expect(session.widgetSessionId).toMatch(/^[0-9a-f-]{36}$/);
    await widget(session.redirectionUrl, 'verified-purchase');
    const auth = await client.authorize(
      { accountNumber: '20009100', amountCents: 1499, reference: 'ord-1', widgetSessionId: session.widgetSessionId! },
      flow,
    );
    expect(auth).toMatchObject({
      authorizationId: expect.stringMatching(/^\d+$/),
      status: 'captured',
      amountCents: 1499,
      reference: 'ord-1',
      captureId: expect.stringMatching(/^\d+$/),
    });

    const calls = await app.open.db.select().from(integrationCalls).orderBy(asc(integrationCalls.id));
    expect(calls.map((c) => `${c.operation} ${c.status}`)).toEqual([
      'token.customer 200',
      'widgetInit 200',
      'authorize 200',
    ]);
    // One x-reference-id (32 hex, docs/partners/flexiti.md#reference-id) and one correlation id for the flow; the order id on each call.
    const headers = calls.slice(1).map((c) => (c.request as { headers: Record<string, string> }).headers);
    expect(headers.map((h) => h['x-reference-id'])).toEqual([flow.referenceId, flow.referenceId]);
    expect(flow.referenceId).toMatch(/^[0-9a-f]{32}$/);
    expect(calls.slice(1).every((c) => c.correlationId === flow.correlationId && c.orderId === 'ord-1')).toBe(true);
    // Secrets and tokens never reach the call log.
    const logged = JSON.stringify(calls);
    expect(logged).not.toContain(getConfig().flexiti.clientSecret);
    expect(headers[0]!.authorization).toBe('[redacted]');
    expect(logged).not.toMatch(/"access_token":"[0-9a-f]{40}"/);
  });

  it('sends the token call form-urlencoded with the customer scope', async () => {
    await newClient().freshCustomerToken();
    const [call] = await tokenCalls();
    const req = call!.request as { headers: Record<string, string>; body: Record<string, string> };
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.body).toMatchObject({
      scope: 'customer',
      grant_type: 'client_credentials',
      client_secret: '[redacted]',
    });
  });

  it('uses a merchant token for capture, release, return and the GETs', async () => {
    const client = newClient();
    const flow = { referenceId: newFlexitiReferenceId() };
    const s = await client.initWidget(byAccount('20009101'), flow);
    // Later calls of the flow use the token its widget session is tied to (as the checkout does).
    Object.assign(flow, { accessToken: s.accessToken });
    await widget(s.redirectionUrl, 'verified-purchase');
    const auth = await client.authorize(
      {
        accountNumber: '20009101',
        amountCents: 3000,
        reference: 'ord-2',
        widgetSessionId: s.widgetSessionId!,
        autoCapture: false,
      },
      flow,
    );
    expect(auth.status).toBe('opened');
    const cap = await client.capture({ authorizationId: auth.authorizationId, amountCents: 2000, reference: 'ord-2' });
    expect(cap).toMatchObject({ amountCents: 2000, remainingAuthorizationCents: 1000 });
    expect(await client.release(auth.authorizationId)).toEqual({ status: 'released', releasedCents: 1000 });
    const ret = await client.returnCapture({
      authorizationId: auth.authorizationId,
      captureId: cap.captureId,
      amountCents: 500,
    });
    expect(ret).toMatchObject({ captureId: cap.captureId, amountCents: 500, remainingCaptureCents: 1500 });
    expect(ret.returnId).toMatch(/^\d{16}$/);
    const full = await client.returnCapture({
      authorizationId: auth.authorizationId,
      captureId: cap.captureId,
      full: true,
    });
    expect(full.amountCents).toBe(1500);
    expect((await client.getAuthorization(auth.authorizationId)).status).toBe('released');
    expect(await client.findAuthorizationByReference('20009101', 'ord-2')).toMatchObject({
      authorizationId: auth.authorizationId,
    });
    expect(await client.findAuthorizationByReference('20009101', 'no-such-order')).toBeNull();

    const ops = (await tokenCalls()).map((c) => c.operation);
    expect(ops).toEqual(['token.customer', 'token.merchant']);
  });
});

describe('the apply flow', () => {
  it('init → approved with PIN 2222 → /apply → authorize the new account', async () => {
    const client = newClient();
    const { f, flow, s, application } = await approvedApplication(client);
    const auth = await client.authorize(
      {
        accountNumber: application.accountNumber,
        amountCents: 14_999,
        reference: 'ord-3',
        widgetSessionId: s.widgetSessionId!,
      },
      flow,
    );
    expect(auth.amountCents).toBe(14_999);
    // Applying again: a typed customer_already_exists.
    await expect(client.apply(f, s.widgetSessionId!, flow)).rejects.toMatchObject({
      code: 'customer_already_exists',
      status: 409,
    });
  });
});

describe('undocumented bodies read in every shape the sandbox can answer (docs/partners/flexiti.md#undocumented-bodies)', () => {
  for (const shape of FLEXITI_ANSWER_SHAPES) {
    it(`${shape}: /apply, /authorization, GET one and the list read the same`, async () => {
      await setSandboxOptions(app.open.db, 'flexiti', { answerShape: shape });
      try {
        const client = newClient();
        const { flow, s, application } = await approvedApplication(client);
        const reference = `ord-shape-${shape}`;
        const auth = await client.authorize(
          {
            accountNumber: application.accountNumber,
            amountCents: 1_499,
            reference,
            widgetSessionId: s.widgetSessionId!,
          },
          flow,
        );
        const expected = {
          authorizationId: auth.authorizationId,
          status: 'captured',
          amountCents: 1_499,
          capturedCents: 1_499,
          captureId: expect.stringMatching(/^\d+$/),
        };
        expect(auth).toMatchObject(expected);
        expect(await client.getAuthorization(auth.authorizationId)).toMatchObject(expected);
        expect(await client.findAuthorizationByReference(application.accountNumber, reference)).toMatchObject(expected);
        // Every call read its body: no call-log row says otherwise.
        const rows = await app.open.db.select().from(integrationCalls).where(eq(integrationCalls.partner, 'flexiti'));
        expect(rows.filter((r) => r.error !== null)).toEqual([]);
      } finally {
        await setSandboxOptions(app.open.db, 'flexiti', { answerShape: null });
      }
    });
  }

  it('a 200 nobody can read is an unknown outcome, said on the call-log row, never a failure', async () => {
    const client = newClient();
    const flow = { referenceId: newFlexitiReferenceId() };
    const s = await client.initWidget(byAccount('20009100'), flow);
    Object.assign(flow, { accessToken: s.accessToken });
    await widget(s.redirectionUrl, 'verified-purchase');
    // Flexiti takes the payment, and its answer is a shape we have never seen.
    await queueFaults(app.open.db, {
      partner: 'flexiti',
      match: '/authorization$',
      mode: 'lost',
      status: 200,
      body: { outcome: 'ok', ref: 'ord-unreadable' },
    });
    const error = await client
      .authorize(
        {
          accountNumber: '20009100',
          amountCents: 699,
          reference: 'ord-unreadable',
          widgetSessionId: s.widgetSessionId!,
        },
        flow,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlexitiError);
    expect(error).toMatchObject({ code: 'unreadable_answer', status: 200, outcomeUnknown: true });
    const [row] = await app.open.db
      .select()
      .from(integrationCalls)
      .where(and(eq(integrationCalls.partner, 'flexiti'), eq(integrationCalls.operation, 'authorize')));
    expect(row).toMatchObject({ status: 200 });
    expect(row!.error).toMatch(/^unreadable_answer: .*outcome unknown, reconciled by our reference$/);
    // It was taken: the look-up by our reference finds it.
    expect(await client.findAuthorizationByReference('20009100', 'ord-unreadable')).toMatchObject({
      amountCents: 699,
    });
  });

  it('a list nobody can read is an error for the look-up to retry, not "nothing found"', async () => {
    await queueFaults(app.open.db, {
      partner: 'flexiti',
      match: '/authorizations$',
      mode: 'refuse',
      status: 200,
      body: { rows: [] },
    });
    await expect(newClient().findAuthorizationByReference('20009100', 'ord-x')).rejects.toMatchObject({
      code: 'unreadable_answer',
      outcomeUnknown: false,
    });
    const [row] = await app.open.db
      .select()
      .from(integrationCalls)
      .where(eq(integrationCalls.operation, 'listAuthorizations'));
    expect(row!.error).toMatch(/^unreadable_answer: .*nothing concluded from it$/);
  });
});

describe('errors are typed', () => {
  it('maps 404 customer_identity_not_found, 409 not_verified, credit_exceeded and wrong_inputs', async () => {
    const client = newClient();
    const flow = { referenceId: newFlexitiReferenceId() };
    const base = { accountNumber: '20009102', amountCents: 699, reference: 'ord-4' };

    const open = await client.initWidget(byAccount('20009102'), flow);
    // Later calls of the flow use the token its widget session is tied to (as the checkout does).
    Object.assign(flow, { accessToken: open.accessToken });
    const notVerified = await client
      .authorize({ ...base, widgetSessionId: open.widgetSessionId! }, flow)
      .catch((e) => e);
    expect(notVerified).toBeInstanceOf(FlexitiError);
    expect(notVerified).toMatchObject({ code: 'customer_identity_not_found', status: 404, isCustomerDecline: true });

    const wrongSession = await client
      .authorize({ ...base, widgetSessionId: crypto.randomUUID() }, flow)
      .catch((e) => e);
    expect(wrongSession).toMatchObject({ code: 'not_verified', status: 409 });

    const s = await client.initWidget(byAccount('20009102'), flow);
    await widget(s.redirectionUrl, 'verified-purchase');
    const over = await client.authorize({ ...base, widgetSessionId: s.widgetSessionId! }, flow).catch((e) => e);
    expect(isFlexitiError(over, 'credit_exceeded')).toBe(true);
    expect(over.details.referenceId).toBe(flow.referenceId);

    const bad = await client
      .authorize({ ...base, amountCents: 0, widgetSessionId: s.widgetSessionId! }, flow)
      .catch((e) => e);
    expect(bad).toMatchObject({ code: 'wrong_inputs', fieldErrors: [{ param: 'amount' }] });
  });

  it('turns a dead partner into a typed `unavailable` error', async () => {
    const client = new FlexitiClient({
      baseUrl: 'http://127.0.0.1:9', // nothing listens on the discard port
      clientId: 'x',
      clientSecret: 'y',
      timeoutMs: 500,
    });
    await expect(client.merchantToken()).rejects.toMatchObject({ code: 'unavailable', status: 0 });
  });

  it('never repeats an authorization that timed out, and says its outcome is unknown', async () => {
    const client = new FlexitiClient({
      baseUrl: `${app.url}/hang`,
      clientId: 'x',
      clientSecret: 'y',
      timeoutMs: 300,
    });
    const flow = { referenceId: newFlexitiReferenceId() };
    const input = {
      accountNumber: '20009100',
      amountCents: 100,
      reference: 'ord-9',
      widgetSessionId: crypto.randomUUID(),
    };
    await expect(client.authorize(input, flow)).rejects.toMatchObject({
      code: 'unavailable',
      details: { outcomeUnknown: true, operation: 'authorize' },
    });
    const attempts = await app.open.db
      .select()
      .from(integrationCalls)
      .where(eq(integrationCalls.operation, 'authorize'));
    expect(attempts).toHaveLength(1);
    // A read is safe to retry and its outcome is known not to matter.
    await expect(client.getAuthorization('1')).rejects.toMatchObject({ details: { outcomeUnknown: false } });
  });

  it('maps statuses and codes it is given', () => {
    expect(toFlexitiError('op', 401, { error: 'whatever' }).code).toBe('invalid_token');
    expect(toFlexitiError('op', 403, { message: 'Insufficient scope' }).code).toBe('insufficient_scope');
    expect(toFlexitiError('op', 466, {}).code).toBe('blocked');
    expect(toFlexitiError('op', 404, {}).code).toBe('not_found');
    expect(toFlexitiError('op', 409, { error: 'user_not_able_to_purchase' }).code).toBe('user_not_able_to_purchase');
    expect(toFlexitiError('op', 409, { error: 'capture_amount_exceeded' }).code).toBe('capture_amount_exceeded');
    const unknown = toFlexitiError('op', 409, { error: 'brand_new_code', message: 'm' });
    expect(unknown).toMatchObject({ code: 'unexpected_response', details: { partnerCode: 'brand_new_code' } });
    expect(toFlexitiError('op', 502, 'Bad gateway').code).toBe('server_error');
  });

  it('rejects an answer that is not the documented shape', async () => {
    const odd = new FlexitiClient({ baseUrl: `${app.url}/odd`, clientId: 'x', clientSecret: 'y' });
    await expect(odd.merchantToken()).rejects.toMatchObject({ code: 'unreadable_answer', status: 200 });
    expect(await newClient().merchantToken()).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('token renewal against the sandbox', () => {
  it('N concurrent callers of the merchant token make one token call', async () => {
    const client = newClient();
    const tokens = await Promise.all(Array.from({ length: 12 }, () => client.merchantToken()));
    expect(new Set(tokens).size).toBe(1);
    expect((await tokenCalls()).map((c) => c.operation)).toEqual(['token.merchant']);
  });

  it('renews the merchant token with refresh_token once less than a minute remains', async () => {
    let now = Date.now();
    const client = newClient(() => now);
    const first = await client.merchantToken();
    now += 18 * 60_000;
    expect(await client.merchantToken()).toBe(first);
    now += 90_000; // 30 s left
    expect(await client.merchantToken()).not.toBe(first);
    expect((await tokenCalls()).map((c) => c.operation)).toEqual(['token.merchant', 'token.merchant.refresh']);
  });

  it('every checkout flow gets a customer token of its own, never one another flow holds', async () => {
    const client = newClient();
    const a = await client.initWidget(byAccount('20009100'), { referenceId: newFlexitiReferenceId() });
    const b = await client.initWidget(byAccount('20009100'), { referenceId: newFlexitiReferenceId() });
    expect(a.accessToken).not.toBe(b.accessToken);
    expect(a.redirectionUrl).not.toContain(b.accessToken);
    expect(b.redirectionUrl).not.toContain(a.accessToken);
    expect((await tokenCalls()).map((c) => c.operation)).toEqual(['token.customer', 'token.customer']);
  });

  it('a flow keeps its own token to the end: authorize 19.5 minutes later uses it, no renewal', async () => {
    let now = Date.now();
    const client = newClient(() => now);
    const s = await client.initWidget(byAccount('20009100'), { referenceId: newFlexitiReferenceId() });
    await widget(s.redirectionUrl, 'verified-purchase');
    now += 19.5 * 60_000;
    const auth = await client.authorize(
      { accountNumber: '20009100', amountCents: 100, reference: 'ord-5', widgetSessionId: s.widgetSessionId! },
      { referenceId: s.referenceId, accessToken: s.accessToken },
    );
    expect(auth.amountCents).toBe(100);
    expect((await tokenCalls()).map((c) => c.operation)).toEqual(['token.customer']);
  });

  it('retries a safe call once with a new token after a 401', async () => {
    const client = newClient();
    await client.merchantToken();
    // The partner forgets every token (e.g. Flexiti's nightly scrub of the training data).
    const { sandboxFlexitiTokens } = await import('@/lib/db/schema');
    await app.open.db.delete(sandboxFlexitiTokens);
    const list = await client.listAuthorizations({ accountNumber: '20009100' });
    expect(Array.isArray(list)).toBe(true);
    expect((await tokenCalls()).map((c) => c.operation)).toEqual(['token.merchant', 'token.merchant']);
  });

  it('flexitiClient() is one client per process', () => {
    expect(flexitiClient()).toBe(flexitiClient());
  });
});
