import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxFlexitiAccounts } from '@/lib/db/schema';
import { advanceClock } from '@/lib/sandbox/clock';
import { setSandboxOptions } from '@/lib/sandbox/options';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { flexitiApi } from '@/test/support/flexiti-api';

/**
 * Contract tests of the Flexiti POS API sandbox over HTTP (docs/partners/flexiti.md): tokens and scopes, every widget/init field rule (a passing and a failing case each),
 * the widget's messages, /apply, /authorization and the money calls.
 */

let app: TestApp;
let api: ReturnType<typeof flexitiApi>;

beforeAll(async () => {
  app = await startTestApp();
  api = flexitiApi(app.url);
});
afterAll(async () => app?.close());

/** Moves the sandbox clock for the duration of `fn`, then back. */
async function later<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  await advanceClock(app.open.db, ms);
  try {
    return await fn();
  } finally {
    await advanceClock(app.open.db, -ms);
  }
}

const available = async (accountNumber: string) =>
  (
    await app.open.db
      .select({ c: sandboxFlexitiAccounts.availableCreditCents })
      .from(sandboxFlexitiAccounts)
      .where(eq(sandboxFlexitiAccounts.accountNumber, accountNumber))
  )[0]!.c;

describe('POST v2.5/oauth/token', () => {
  it('issues a 40-hex merchant token for 1200 s by default (form-urlencoded)', async () => {
    const r = await api.tokenRaw({ client_id: api.clientId, client_secret: api.clientSecret });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'bearer', expires_in: 1200, scope: 'merchant' });
    expect(r.body.access_token).toMatch(/^[0-9a-f]{40}$/);
    expect(r.body.refresh_token).toMatch(/^[0-9a-f]{40}$/);
  });

  it('issues a customer token when asked, and rejects an unknown scope', async () => {
    const ok = await api.tokenRaw({ client_id: api.clientId, client_secret: api.clientSecret, scope: 'customer' });
    expect(ok.body.scope).toBe('customer');
    const bad = await api.tokenRaw({ client_id: api.clientId, client_secret: api.clientSecret, scope: 'admin' });
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({ error: 'wrong_inputs', field_errors: [{ param: 'scope' }] });
  });

  it('answers 400 invalid_client for a wrong or missing secret', async () => {
    const wrong = await api.tokenRaw({ client_id: api.clientId, client_secret: 'nope' });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
    const missing = await api.tokenRaw({ client_id: api.clientId });
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
  });

  it('answers 400 invalid_request for an unknown grant_type', async () => {
    const r = await api.tokenRaw({ client_id: api.clientId, client_secret: api.clientSecret, grant_type: 'implicit' });
    expect(r).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });

  it('refreshes with the issued refresh token, once, keeping the scope', async () => {
    const t = await api.token('customer');
    const creds = { client_id: api.clientId, client_secret: api.clientSecret, grant_type: 'refresh_token' };
    const r = await api.tokenRaw({ ...creds, refresh_token: t.refresh_token });
    expect(r.status).toBe(200);
    expect(r.body.scope).toBe('customer');
    expect(r.body.access_token).not.toBe(t.access_token);
    // The same refresh token again, or the access token in its place (docs/partners/flexiti.md#token-refresh), is refused.
    expect((await api.tokenRaw({ ...creds, refresh_token: t.refresh_token })).status).toBe(401);
    const t2 = await api.token('customer');
    expect((await api.tokenRaw({ ...creds, refresh_token: t2.access_token })).body.error).toBe('invalid_token');
  });

  it('refuses a refresh once the access token has expired', async () => {
    const t = await api.token('customer');
    const r = await later(1201_000, () =>
      api.tokenRaw({
        client_id: api.clientId,
        client_secret: api.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: t.refresh_token,
      }),
    );
    expect(r).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('supports the password grant for the sandbox merchant user', async () => {
    const base = { client_id: api.clientId, client_secret: api.clientSecret, grant_type: 'password' };
    const ok = await api.tokenRaw({ ...base, username: api.clientId, password: api.clientSecret });
    expect(ok.status).toBe(200);
    const bad = await api.tokenRaw({ ...base, username: api.clientId, password: 'wrong' });
    expect(bad).toMatchObject({ status: 409, body: { error: 'authentication_failure' } });
  });
});

describe('bearer tokens and scopes', () => {
  const purchase = { flow: 'purchase', customer_identification: { account_number: 20009100 } };

  it('answers 401 invalid_token without a token, with an unknown one, and after 20 minutes', async () => {
    expect((await api.init('', purchase)).status).toBe(401);
    expect((await api.init('0'.repeat(40), purchase)).body.error).toBe('invalid_token');
    const t = await api.token('customer');
    expect((await api.init(t.access_token, purchase)).status).toBe(200);
    const expired = await later(1200_000, () => api.init(t.access_token, purchase));
    expect(expired).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('accepts a token only for the client id it was issued to', async () => {
    const t = await api.token('customer');
    const r = await api.call('POST', `${api.root}/v2.5/client-id/someone-else/widget/init`, t.access_token, purchase);
    expect(r.status).toBe(401);
  });

  it('lets a customer token call customer endpoints but not merchant ones (403)', async () => {
    const customer = await api.token('customer');
    const merchant = await api.token('merchant');
    expect((await api.init(customer.access_token, purchase)).status).toBe(200);
    // Merchant scope is accepted everywhere (docs/partners/flexiti.md#token-scopes).
    expect((await api.init(merchant.access_token, purchase)).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/authorization/1/capture'],
      ['POST', '/authorization/1/release'],
      ['POST', '/authorization/1/capture/1/return'],
      ['GET', '/authorization/1'],
      ['GET', '/authorizations'],
    ] as const) {
      const asCustomer = await api.call(
        method,
        `${api.v251}${path}`,
        customer.access_token,
        method === 'POST' ? {} : undefined,
      );
      expect(asCustomer, path).toMatchObject({
        status: 403,
        body: { message: 'Insufficient scope: authorized scope is insufficient' },
      });
      const asMerchant = await api.call(
        method,
        `${api.v251}${path}`,
        merchant.access_token,
        method === 'POST' ? {} : undefined,
      );
      expect(asMerchant.status, path).not.toBe(403);
    }
  });
});

// eslint-disable-next-line max-lines-per-function -- a describe block whose tests share one database setup
describe('POST v2.5/client-id/{id}/widget/init field rules', () => {
  let bearer: string;
  beforeAll(async () => {
    bearer = (await api.token('customer')).access_token;
  });

  const apply = () => ({
    flow: 'apply',
    customer_identification: {
      account_type: 'consumer',
      personal_information: { first_name: 'John', last_name: 'Smith', dob: '1988-07-24', postal_code: 'm1m1m1' },
    },
    email: 'john@email.com',
    phone_number: 4165550100,
    address_1: 'Fake 445',
    city: 'Toronto',
    province: 'ON',
    tos_agreement: true,
  });
  const byAccount = (account_number: unknown) => ({ flow: 'purchase', customer_identification: { account_number } });
  const byPerson = (pi: Record<string, unknown>) => ({
    flow: 'purchase',
    customer_identification: {
      personal_information: { first_name: 'John', last_name: 'Smith', dob: '1988-07-24', postal_code: 'M1M1M1', ...pi },
    },
  });
  const withApply = (patch: Record<string, unknown>) => ({ ...apply(), ...patch });
  const PI = 'customer_identification.personal_information';

  // [rule, passing body, failing body, the param the failure must name]
  const rules: [string, unknown, unknown, string][] = [
    ['flow is required', byAccount(20009100), { customer_identification: { account_number: 20009100 } }, 'flow'],
    ['flow is apply or purchase', byAccount(20009100), { ...byAccount(20009100), flow: 'buy' }, 'flow'],
    ['purchase needs an identifier', byAccount(20009100), { flow: 'purchase' }, 'customer_identification'],
    [
      'account_number up to 14 digits',
      byAccount(12345678901234),
      byAccount(123456789012345),
      'customer_identification.account_number',
    ],
    [
      'account_number is a number',
      byAccount('20009100'),
      byAccount('2000-9100'),
      'customer_identification.account_number',
    ],
    [
      'vcc_number is 16 digits',
      { flow: 'purchase', customer_identification: { vcc_number: '1070015210367982' } },
      { flow: 'purchase', customer_identification: { vcc_number: '107001521036798' } },
      'customer_identification.vcc_number',
    ],
    [
      'purchase by personal information needs all four fields',
      byPerson({}),
      {
        flow: 'purchase',
        customer_identification: {
          personal_information: { first_name: 'John', last_name: 'Smith', dob: '1988-07-24' },
        },
      },
      `${PI}.postal_code`,
    ],
    [
      'first_name at most 80',
      byPerson({ first_name: 'a'.repeat(80) }),
      byPerson({ first_name: 'a'.repeat(81) }),
      `${PI}.first_name`,
    ],
    [
      'last_name at most 130',
      byPerson({ last_name: 'a'.repeat(130) }),
      byPerson({ last_name: 'a'.repeat(131) }),
      `${PI}.last_name`,
    ],
    [
      'postal_code at most 10',
      byPerson({ postal_code: 'M1M 1M1' }),
      byPerson({ postal_code: 'M1M 1M1 123' }),
      `${PI}.postal_code`,
    ],
    ['names are ASCII only', byPerson({ first_name: 'Zoe' }), byPerson({ first_name: 'Zoë' }), `${PI}.first_name`],
    ['dob is YYYY-MM-DD', byPerson({ dob: '1992-02-29' }), byPerson({ dob: '1992/02/29' }), `${PI}.dob`],
    ['dob is a real date', byPerson({ dob: '1992-02-29' }), byPerson({ dob: '1993-02-29' }), `${PI}.dob`],
    ['dob is in the past', byPerson({ dob: '2000-01-01' }), byPerson({ dob: '2999-01-01' }), `${PI}.dob`],
    ['apply needs personal information', apply(), { ...apply(), customer_identification: {} }, `${PI}.dob`],
    ['apply needs email', apply(), withApply({ email: undefined }), 'email'],
    [
      'email at most 100',
      withApply({ email: `${'a'.repeat(88)}@example.com` }),
      withApply({ email: `${'a'.repeat(89)}@example.com` }),
      'email',
    ],
    ['email looks like an email', withApply({ email: 'a@b.ca' }), withApply({ email: 'not-an-email' }), 'email'],
    ['apply needs phone_number', apply(), withApply({ phone_number: undefined }), 'phone_number'],
    [
      'phone_number is 10 digits',
      withApply({ phone_number: '4165550100' }),
      withApply({ phone_number: 416555010 }),
      'phone_number',
    ],
    [
      'phone_number is digits only',
      withApply({ phone_number: 4165550100 }),
      withApply({ phone_number: '416-555-0100' }),
      'phone_number',
    ],
    ['apply needs address_1', apply(), withApply({ address_1: '' }), 'address_1'],
    [
      'address_1 at most 250',
      withApply({ address_1: 'a'.repeat(250) }),
      withApply({ address_1: 'a'.repeat(251) }),
      'address_1',
    ],
    [
      'address_2 at most 100',
      withApply({ address_2: 'a'.repeat(100) }),
      withApply({ address_2: 'a'.repeat(101) }),
      'address_2',
    ],
    ['apply needs city', apply(), withApply({ city: undefined }), 'city'],
    ['city at most 100', withApply({ city: 'a'.repeat(100) }), withApply({ city: 'a'.repeat(101) }), 'city'],
    ['city is ASCII only', withApply({ city: 'Montreal' }), withApply({ city: 'Montréal' }), 'city'],
    ['apply needs province', apply(), withApply({ province: undefined }), 'province'],
    ['province is one of the 13 codes', withApply({ province: 'YT' }), withApply({ province: 'XX' }), 'province'],
    ['province is upper case', withApply({ province: 'QC' }), withApply({ province: 'qc' }), 'province'],
    ['lang is en or fr', withApply({ lang: 'fr' }), withApply({ lang: 'de' }), 'lang'],
    ['apply needs tos_agreement true', apply(), withApply({ tos_agreement: false }), 'tos_agreement'],
    ['tos_agreement is a boolean', apply(), withApply({ tos_agreement: 'true' }), 'tos_agreement'],
    [
      'account_type in customer_identification',
      { ...apply(), customer_identification: { ...apply().customer_identification, account_type: 'business' } },
      { ...apply(), customer_identification: { ...apply().customer_identification, account_type: 'corporate' } },
      'customer_identification.account_type',
    ],
    [
      'account_type at the top level',
      withApply({ account_type: 'business' }),
      withApply({ account_type: 'corporate' }),
      'account_type',
    ],
    ['the body is a JSON object', byAccount(20009100), [1, 2], 'body'],
  ];

  it.each(rules)('%s', async (_rule, pass, fail, param) => {
    const ok = await api.init(bearer, pass);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const bad = await api.init(bearer, fail);
    expect(bad.status).toBe(409);
    expect(bad.body.error).toBe('wrong_inputs');
    expect(bad.body.field_errors.map((f: { param: string }) => f.param)).toContain(param);
  });

  it('names every bad field of one request, each once', async () => {
    const r = await api.init(bearer, {
      flow: 'apply',
      customer_identification: { personal_information: { first_name: 'Zoë', dob: '1990-13-01' } },
      email: 'x',
      phone_number: 12,
      province: 'ZZ',
      lang: 'es',
    });
    expect(r.status).toBe(409);
    const params = r.body.field_errors.map((f: { param: string }) => f.param).sort();
    expect(params).toEqual(
      [
        `${PI}.first_name`,
        `${PI}.last_name`,
        `${PI}.dob`,
        `${PI}.postal_code`,
        'email',
        'phone_number',
        'address_1',
        'city',
        'province',
        'lang',
        'tos_agreement',
      ].sort(),
    );
  });

  it('x-reference-id: 32 hex or a hyphenated UUID', async () => {
    const body = byAccount(20009100);
    expect((await api.init(bearer, body, { 'x-reference-id': 'ab'.repeat(16) })).status).toBe(200);
    expect((await api.init(bearer, body, { 'x-reference-id': crypto.randomUUID() })).status).toBe(200);
    for (const bad of ['abc', 'zz'.repeat(16), '']) {
      const r = await api.init(bearer, body, { 'x-reference-id': bad });
      expect(r.status, bad).toBe(409);
      expect(r.body.field_errors).toContainEqual(expect.objectContaining({ param: 'x-reference-id' }));
    }
  });

  it('returns a redirection_url to the sandbox widget, with no access token in it', async () => {
    const ref = 'cd'.repeat(16);
    const r = await api.init(bearer, { ...byAccount(20009100), lang: 'fr' }, { 'x-reference-id': ref });
    const u = new URL(r.body.redirection_url);
    expect(Object.keys(r.body)).toEqual(['redirection_url']);
    expect(u.origin).toBe(app.url);
    expect(u.pathname).toMatch(new RegExp(`^/sandbox/flexiti/widget/${api.clientId}/[0-9a-f]{40}$`));
    expect(u.searchParams.get('lang')).toBe('fr');
    expect(u.searchParams.get('x-reference-id')).toBe(ref);
    expect(u.searchParams.get('widget_session_id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.redirection_url).not.toContain(bearer);
  });
});

// eslint-disable-next-line max-lines-per-function -- a describe block whose tests share one database setup
describe('the widget', () => {
  let bearer: string;
  beforeAll(async () => {
    bearer = (await api.token('customer')).access_token;
  });
  const purchase = (account_number: number) => ({ flow: 'purchase', customer_identification: { account_number } });
  const applicant = (first_name: string, last_name: string, dob: string, postal_code: string) => ({
    flow: 'apply',
    customer_identification: { personal_information: { first_name, last_name, dob, postal_code } },
    email: 'a@example.com',
    phone_number: 4165550100,
    address_1: '1 Main St',
    city: 'Toronto',
    province: 'ON',
    tos_agreement: true,
  });
  const newApplicant = () =>
    applicant('New', `Person${Math.random().toString(36).slice(2, 8)}`, '1991-05-05', 'M4C1B5');

  // [scenario, widget/init body, pin, expected message (widget_session_id and customerId checked apart)]
  const rows: [string, () => unknown, string | undefined, Record<string, unknown>][] = [
    [
      'verified-purchase',
      () => purchase(20009100),
      '2222',
      {
        eventType: 'flx-success',
        eventData: {
          accountNumber: 20009100,
          verified: true,
          action: 'purchase',
          mfaOptionSelected: 'sms',
          accountType: 'consumer',
        },
      },
    ],
    [
      'unverified-purchase',
      () => purchase(20009100),
      undefined,
      { eventType: 'flx-success', eventData: { accountNumber: 20009100, verified: false, action: 'purchase' } },
    ],
    [
      'activation',
      () => purchase(20009104),
      undefined,
      { eventType: 'flx-success', eventData: { accountNumber: null, verified: false, action: 'activation' } },
    ],
    [
      'new-application',
      () => ({ flow: 'purchase', customer_identification: newApplicant().customer_identification }),
      undefined,
      { eventType: 'flx-success', eventData: { accountNumber: null, verified: false, action: 'apply' } },
    ],
    [
      'derogatory',
      () => purchase(20009103),
      undefined,
      { eventType: 'flx-success', eventData: { accountNumber: null, verified: false, action: null } },
    ],
    [
      'apply-approved',
      newApplicant,
      '2222',
      { eventType: 'flx-success', eventData: { accountNumber: null, verified: true, action: 'apply' } },
    ],
    [
      'apply-declined',
      newApplicant,
      '2222',
      { eventType: 'flx-success', eventData: { accountNumber: null, verified: true, action: 'apply' } },
    ],
    [
      'apply-derogatory',
      () => applicant('Dana', 'Rogers', '1979-06-05', 'T2P 1J9'),
      undefined,
      { eventType: 'flx-success', eventData: { accountNumber: null, verified: false, action: null } },
    ],
    [
      'existing-account',
      () => applicant('arjun', 'MEHTA', '1987-09-30', 'h3b 1a7'),
      undefined,
      { eventType: 'flx-success', eventData: { accountNumber: 20009101, verified: false, action: 'purchase' } },
    ],
    ['cancel', () => purchase(20009100), undefined, { eventType: 'flx-cancel' }],
    [
      'failure',
      newApplicant,
      undefined,
      { eventType: 'flx-failure', eventData: { error: 500, message: expect.any(String) } },
    ],
  ];

  it.each(rows)('%s posts the documented message', async (scenario, body, pin, expected) => {
    const s = await api.init(bearer, body());
    expect(s.status).toBe(200);
    const r = await api.outcome(s.key, scenario, pin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual(
      expected.eventType === 'flx-success'
        ? {
            eventType: 'flx-success',
            eventData: {
              mfaOptionSelected: expect.toBeOneOf(['sms', null]),
              accountType: 'consumer',
              ...(expected.eventData as object),
              widget_session_id: s.sessionId,
              customerId: expect.stringMatching(/^\d{7}-\d{5}$/),
            },
          }
        : expected,
    );
  });

  it('a flx-cancel has no eventData', async () => {
    const s = await api.init(bearer, purchase(20009100));
    expect(Object.keys((await api.outcome(s.key, 'cancel')).body)).toEqual(['eventType']);
  });

  it('apply needs the test PIN 2222; a wrong one changes nothing', async () => {
    const s = await api.init(bearer, newApplicant());
    const wrong = await api.outcome(s.key, 'apply-approved', '1234');
    expect(wrong).toMatchObject({ status: 400, body: { error: 'wrong_pin' } });
    expect((await api.outcome(s.key, 'apply-approved')).status).toBe(400);
    expect((await api.outcome(s.key, 'apply-approved', '2222')).status).toBe(200);
  });

  it('a verified purchase needs the SMS PIN too', async () => {
    const s = await api.init(bearer, purchase(20009101));
    expect(await api.outcome(s.key, 'verified-purchase')).toMatchObject({ status: 400, body: { error: 'wrong_pin' } });
    expect((await api.outcome(s.key, 'verified-purchase', '2222')).status).toBe(200);
  });

  it('ends after one outcome', async () => {
    const s = await api.init(bearer, purchase(20009100));
    expect((await api.outcome(s.key, 'verified-purchase', '2222')).status).toBe(200);
    expect(await api.outcome(s.key, 'cancel')).toMatchObject({ status: 409, body: { error: 'session_completed' } });
  });

  it('refuses scenarios the session cannot produce', async () => {
    const noAccount = await api.init(bearer, purchase(99999999));
    expect((await api.outcome(noAccount.key, 'verified-purchase')).body.error).toBe('scenario_not_applicable');
    const purchaseSession = await api.init(bearer, purchase(20009100));
    expect((await api.outcome(purchaseSession.key, 'apply-approved', '2222')).status).toBe(409);
    expect((await api.outcome(purchaseSession.key, 'new-application')).status).toBe(409);
    expect((await api.outcome('f'.repeat(40), 'cancel')).status).toBe(404);
    expect((await api.outcome(purchaseSession.key, 'nonsense')).body.error).toBe('wrong_inputs');
  });

  it('can only fail once the token that opened it has expired', async () => {
    const s = await api.init(bearer, purchase(20009100));
    const r = await later(1200_000, () => api.outcome(s.key, 'verified-purchase'));
    expect(r.body).toEqual({ eventType: 'flx-failure', eventData: { error: 401, message: 'The session has expired' } });
  });
});

// eslint-disable-next-line max-lines-per-function -- a describe block whose tests share one database setup
describe('POST v2.5.1/client-id/{id}/authorization', () => {
  const body = (
    account: string,
    sessionId: string | undefined,
    amount = 6.99,
    extra: Record<string, unknown> = {},
  ) => ({
    account_number: Number(account),
    reference: `order-${Math.random().toString(36).slice(2)}`,
    financing_option: { transaction_type: 'regular_purchase' },
    amount,
    auto_capture: true,
    ...(sessionId ? { widget_session_id: sessionId } : {}),
    ...extra,
  });
  const authorize = (bearer: string, b: unknown) => api.call('POST', `${api.v251}/authorization`, bearer, b);

  it('authorizes and captures a verified purchase, holding the credit', async () => {
    const t = (await api.token('customer')).access_token;
    const before = await available('20009101');
    const session = await api.verifiedPurchase(t, '20009101');
    const r = await authorize(t, body('20009101', session, 149.99));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      authorization_id: expect.any(Number),
      status: 'captured',
      amount: 149.99,
      capture_id: expect.any(Number),
      account_number: 20009101,
    });
    expect(await available('20009101')).toBe(before - 14_999);
  });

  it('answers 404 customer_identity_not_found without a verified widget session', async () => {
    const t = (await api.token('customer')).access_token;
    expect((await authorize(t, body('20009100', undefined))).body.error).toBe('customer_identity_not_found');
    const unverified = await api.init(t, { flow: 'purchase', customer_identification: { account_number: 20009100 } });
    await api.outcome(unverified.key, 'unverified-purchase');
    const r = await authorize(t, body('20009100', unverified.sessionId));
    expect(r).toMatchObject({ status: 404, body: { error: 'customer_identity_not_found' } });
    const open = await api.init(t, { flow: 'purchase', customer_identification: { account_number: 20009100 } });
    expect((await authorize(t, body('20009100', open.sessionId))).status).toBe(404);
  });

  it("answers 409 not_verified when the session is not this token's or this account's", async () => {
    const t = (await api.token('customer')).access_token;
    const session = await api.verifiedPurchase(t, '20009100');
    const other = (await api.token('customer')).access_token;
    expect(await authorize(other, body('20009100', session))).toMatchObject({
      status: 409,
      body: { error: 'not_verified' },
    });
    expect((await authorize(t, body('20009101', session))).body.error).toBe('not_verified');
    expect((await authorize(t, body('20009100', crypto.randomUUID()))).body.error).toBe('not_verified');
  });

  describe('a refreshed token in the middle of a flow (docs/partners/flexiti.md#flow-token: both readings)', () => {
    /** A verified purchase opened with one token, and a token refreshed from it. */
    async function refreshedFlow(account: string) {
      const t = await api.token('customer');
      const session = await api.verifiedPurchase(t.access_token, account);
      const refreshed = await api.tokenRaw({
        client_id: api.clientId,
        client_secret: api.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: t.refresh_token,
      });
      return { first: t.access_token, refreshed: refreshed.body.access_token as string, session };
    }

    it('strict (the default): only the token that opened the widget continues its flow', async () => {
      const { first, refreshed, session } = await refreshedFlow('20009100');
      const r = await authorize(refreshed, body('20009100', session));
      expect(r).toMatchObject({
        status: 409,
        body: { error: 'not_verified', message: 'This widget session was opened with another access token' },
      });
      expect((await authorize(first, body('20009100', session))).status).toBe(200);
    });

    it('lenient (the flowToken option): a refreshed token continues the flow its predecessor opened', async () => {
      await setSandboxOptions(app.open.db, 'flexiti', { flowToken: 'lenient' });
      try {
        const { refreshed, session } = await refreshedFlow('20009100');
        expect((await authorize(refreshed, body('20009100', session))).status).toBe(200);
      } finally {
        await setSandboxOptions(app.open.db, 'flexiti', { flowToken: null });
      }
    });
  });

  it('customer tokens live as long as the customerTokenSeconds option says; merchant tokens keep 1200 s', async () => {
    await setSandboxOptions(app.open.db, 'flexiti', { customerTokenSeconds: 5 });
    try {
      const customer = await api.token('customer');
      expect(customer.expires_in).toBe(5);
      expect((await api.token('merchant')).expires_in).toBe(1200);
      const session = await later(6_000, () =>
        api.init(customer.access_token, { flow: 'purchase', customer_identification: { account_number: 20009100 } }),
      );
      expect(session).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    } finally {
      await setSandboxOptions(app.open.db, 'flexiti', { customerTokenSeconds: null });
    }
    expect((await api.token('customer')).expires_in).toBe(1200);
  });

  it('answers 409 credit_exceeded above the available credit, and not at it', async () => {
    const t = (await api.token('customer')).access_token;
    const over = await authorize(t, body('20009102', await api.verifiedPurchase(t, '20009102'), 5.01));
    expect(over).toMatchObject({ status: 409, body: { error: 'credit_exceeded' } });
    expect(await available('20009102')).toBe(500);
    const at = await authorize(t, body('20009102', await api.verifiedPurchase(t, '20009102'), 5.0));
    expect(at.status).toBe(200);
    expect(await available('20009102')).toBe(0);
  });

  it('answers 409 user_not_able_to_purchase for a derogatory account or one needing activation', async () => {
    const t = (await api.token('customer')).access_token;
    for (const acct of ['20009103', '20009104']) {
      const r = await authorize(t, body(acct, await api.verifiedPurchase(t, acct)));
      expect(r, acct).toMatchObject({ status: 409, body: { error: 'user_not_able_to_purchase' } });
    }
  });

  it('allows one authorization per widget session', async () => {
    const t = (await api.token('customer')).access_token;
    const session = await api.verifiedPurchase(t, '20009100');
    expect((await authorize(t, body('20009100', session))).status).toBe(200);
    expect(await authorize(t, body('20009100', session))).toMatchObject({
      status: 409,
      body: { error: 'not_permitted' },
    });
  });

  it('checks the account, the card and the plan', async () => {
    const t = (await api.token('customer')).access_token;
    const s = await api.verifiedPurchase(t, '20009100');
    expect((await authorize(t, body('77777777', s))).body.error).toBe('not_found');
    expect((await authorize(t, body('20009100', s, 1, { vcc_number: '1070015210367990' }))).body.error).toBe(
      'vcc_account_mismatch',
    );
    const promo = (plan?: string) =>
      body('20009100', s, 1, {
        financing_option: { transaction_type: 'promotional_purchase', ...(plan ? { plan_id: plan } : {}) },
      });
    expect((await authorize(t, promo())).body.error).toBe('plan_term_not_set');
    expect((await authorize(t, promo('PROMO-9-99'))).body.error).toBe('plan_term_not_available');
    expect((await authorize(t, promo('PROMO-0-6'))).status).toBe(200);
  });

  it('answers wrong_inputs naming each bad field, and changes nothing', async () => {
    const t = (await api.token('customer')).access_token;
    const s = await api.verifiedPurchase(t, '20009100');
    const before = await available('20009100');
    const r = await authorize(t, {
      account_number: 'x',
      amount: 6.999,
      financing_option: { transaction_type: 'layaway' },
      reference: 'r'.repeat(41),
    });
    expect(r.status).toBe(409);
    expect(r.body.field_errors.map((f: { param: string }) => f.param).sort()).toEqual(
      ['account_number', 'amount', 'auto_capture', 'financing_option.transaction_type', 'reference'].sort(),
    );
    expect(await available('20009100')).toBe(before);
    expect((await authorize(t, body('20009100', s, 0))).body.field_errors[0].param).toBe('amount');
  });
});

describe('capture, release and return', () => {
  let customer: string;
  let merchant: string;
  beforeAll(async () => {
    customer = (await api.token('customer')).access_token;
    merchant = (await api.token('merchant')).access_token;
  });
  async function opened(amount: number, account = '20009101') {
    const session = await api.verifiedPurchase(customer, account);
    const r = await api.call('POST', `${api.v251}/authorization`, customer, {
      account_number: Number(account),
      reference: 'order-1',
      financing_option: { transaction_type: 'regular_purchase' },
      amount,
      auto_capture: false,
      widget_session_id: session,
    });
    expect(r.body.status).toBe('opened');
    return r.body.authorization_id as number;
  }
  const post = (path: string, b: unknown = {}) => api.call('POST', `${api.v251}${path}`, merchant, b);

  it('captures up to the authorized amount and no more', async () => {
    const id = await opened(20);
    const first = await post(`/authorization/${id}/capture`, { amount: 12.5, reference: 'order-1' });
    expect(first).toMatchObject({ status: 200, body: { amount: 12.5, remaining_authorization_amount: 7.5 } });
    expect(await post(`/authorization/${id}/capture`, { amount: 7.51 })).toMatchObject({
      status: 409,
      body: { error: 'capture_amount_exceeded' },
    });
    expect((await post(`/authorization/${id}/capture`, { amount: 7.5 })).status).toBe(200);
    const got = await api.call('GET', `${api.v251}/authorization/${id}`, merchant);
    expect(got.body).toMatchObject({ status: 'captured', captured_amount: 20, captures: [{}, {}] });
    expect((await post('/authorization/999/capture', { amount: 1 })).body.error).toBe('not_found');
  });

  it('releases what is not captured, gives the credit back, and only once', async () => {
    const before = await available('20009101');
    const id = await opened(30);
    await post(`/authorization/${id}/capture`, { amount: 10 });
    const r = await post(`/authorization/${id}/release`);
    expect(r).toMatchObject({ status: 200, body: { status: 'released', released_amount: 20 } });
    expect(await available('20009101')).toBe(before - 1000);
    expect((await post(`/authorization/${id}/release`)).body.error).toBe('not_permitted');
    expect((await post(`/authorization/${id}/capture`, { amount: 1 })).body.error).toBe('not_permitted');
  });

  it('returns part or all of a capture, never more, with the documented fields', async () => {
    const id = await opened(40);
    const cap = (await post(`/authorization/${id}/capture`, { amount: 40 })).body.capture_id as number;
    const before = await available('20009101');
    const part = await post(`/authorization/${id}/capture/${cap}/return`, { amount: 15, reference: 'ret-1' });
    expect(part).toMatchObject({
      status: 200,
      body: {
        return_id: expect.any(Number),
        capture_id: cap,
        reference: 'ret-1',
        amount: 15,
        remaining_capture_amount: 25,
        remaining_authorization_amount: 25,
      },
    });
    expect(String(part.body.return_id)).toHaveLength(16);
    expect(part.body.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await available('20009101')).toBe(before + 1500);
    expect(await post(`/authorization/${id}/capture/${cap}/return`, { amount: 25.01 })).toMatchObject({
      status: 409,
      body: { error: 'capture_amount_exceeded' },
    });
    const full = await post(`/authorization/${id}/capture/${cap}/return`, { full_return: true });
    expect(full.body).toMatchObject({ amount: 25, remaining_capture_amount: 0 });
    expect((await post(`/authorization/${id}/capture/${cap}/return`, { full_return: true })).body.error).toBe(
      'capture_amount_exceeded',
    );
    expect((await post(`/authorization/${id}/capture/${cap}/return`, {})).body.field_errors[0].param).toBe('amount');
    expect((await post(`/authorization/${id}/capture/1/return`, { amount: 1 })).status).toBe(404);
  });

  it('refuses a return after 100 days (return_date_exceeded), allows it before', async () => {
    const id = await opened(10);
    const cap = (await post(`/authorization/${id}/capture`, { amount: 10 })).body.capture_id as number;
    const tryReturn = async () => {
      const m = (await api.token('merchant')).access_token;
      return api.call('POST', `${api.v251}/authorization/${id}/capture/${cap}/return`, m, { amount: 1 });
    };
    expect((await later(99 * 86_400_000, tryReturn)).status).toBe(200);
    expect((await later(101 * 86_400_000, tryReturn)).body.error).toBe('return_date_exceeded');
  });

  it('lists authorizations by account and status', async () => {
    const id = await opened(3, '20009100');
    const list = await api.call(
      'GET',
      `${api.v251}/authorizations?account_number=20009100&authorization_status=opened`,
      merchant,
    );
    expect(list.status).toBe(200);
    expect(list.body.authorizations.map((a: { authorization_id: number }) => a.authorization_id)).toContain(id);
    expect(
      list.body.authorizations.every(
        (a: { status: string; account_number: number }) => a.status === 'opened' && a.account_number === 20009100,
      ),
    ).toBe(true);
    const bad = await api.call('GET', `${api.v251}/authorizations?page_size=1000`, merchant);
    expect(bad.body.field_errors[0].param).toBe('page_size');
  });
});

describe('POST v2.5/client-id/{id}/apply', () => {
  let t: string;
  beforeAll(async () => {
    t = (await api.token('customer')).access_token;
  });
  const person = () => ({
    first_name: 'Maya',
    last_name: `Lee${Math.random().toString(36).slice(2, 7)}`,
    dob: '1994-03-03',
    postal_code: 'M4C 1B5',
  });
  const initBody = (pi: Record<string, string>) => ({
    flow: 'apply',
    customer_identification: { personal_information: pi },
    email: 'maya@example.com',
    phone_number: 4165550199,
    address_1: '2 Queen St',
    city: 'Toronto',
    province: 'ON',
    tos_agreement: true,
  });
  const applyBody = (pi: Record<string, string>, sessionId: string) => ({
    ...initBody(pi),
    flow: undefined,
    widget_session_id: sessionId,
  });
  const apply = (b: unknown) => api.call('POST', `${api.v25}/apply`, t, b);

  it('opens an account after an approved widget session, which /authorization then accepts', async () => {
    const pi = person();
    const s = await api.init(t, initBody(pi));
    await api.outcome(s.key, 'apply-approved', '2222');
    const r = await apply(applyBody(pi, s.sessionId));
    expect(r).toMatchObject({
      status: 200,
      body: { status: 'approved', account_number: expect.any(Number), credit_limit: 1500 },
    });
    const auth = await api.call('POST', `${api.v251}/authorization`, t, {
      account_number: r.body.account_number,
      financing_option: { transaction_type: 'regular_purchase' },
      amount: 14.99,
      auto_capture: true,
      widget_session_id: s.sessionId,
    });
    expect(auth.status).toBe(200);
    // The same person again already has an account.
    expect((await apply(applyBody(pi, s.sessionId))).body.error).toBe('customer_already_exists');
  });

  it('approves Priya, the main persona, applying with the checkout’s example details', async () => {
    // Her account 20009100 is on file with another date of birth (accounts.ts), so applying as her
    // is a new application; only a second application finds the account it opened.
    const pi = { first_name: 'Priya', last_name: 'Sharma', dob: '1990-04-12', postal_code: 'M5V2T6' };
    const s = await api.init(t, initBody(pi));
    await api.outcome(s.key, 'apply-approved', '2222');
    expect(await apply(applyBody(pi, s.sessionId))).toMatchObject({ status: 200, body: { status: 'approved' } });
  });

  it('answers application_declined when the widget says declined', async () => {
    const pi = person();
    const s = await api.init(t, initBody(pi));
    await api.outcome(s.key, 'apply-declined', '2222');
    expect(await apply(applyBody(pi, s.sessionId))).toMatchObject({
      status: 409,
      body: { error: 'application_declined' },
    });
  });

  it('answers not_verified for other personal information, an unverified or unknown session', async () => {
    const pi = person();
    const s = await api.init(t, initBody(pi));
    expect((await apply(applyBody(pi, s.sessionId))).body.error).toBe('not_verified'); // widget not done
    await api.outcome(s.key, 'apply-approved', '2222');
    expect((await apply(applyBody({ ...pi, dob: '1994-03-04' }, s.sessionId))).body.error).toBe('not_verified');
    expect((await apply(applyBody(pi, crypto.randomUUID()))).body.error).toBe('not_verified');
    expect((await apply(applyBody(pi, s.sessionId))).status).toBe(200);
  });

  it('answers customer_already_exists for someone who has an account', async () => {
    const pi = { first_name: 'Arjun', last_name: 'Mehta', dob: '1987-09-30', postal_code: 'H3B1A7' };
    const s = await api.init(t, initBody(pi));
    await api.outcome(s.key, 'apply-approved', '2222');
    expect((await apply(applyBody(pi, s.sessionId))).body.error).toBe('customer_already_exists');
  });

  it('validates the body like widget/init', async () => {
    const r = await apply({
      widget_session_id: crypto.randomUUID(),
      customer_identification: { personal_information: { dob: 'x' } },
    });
    expect(r.status).toBe(409);
    expect(r.body.field_errors.map((f: { param: string }) => f.param)).toContain(
      'customer_identification.personal_information.dob',
    );
  });
});

describe('POST v2.5/client-id/{id}/merchants/login (deprecated)', () => {
  it('answers the documented shape, or authentication_failure', async () => {
    const t = (await api.token('merchant')).access_token;
    const ok = await api.call('POST', `${api.v25}/merchants/login?lang=en`, t, {
      merchant_username: api.clientId,
      merchant_password: api.clientSecret,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      merchant_name: expect.any(String),
      merchant_id: expect.stringMatching(/^\d{1,10}$/),
    });
    expect(Object.keys(ok.body.form_values.province.options)).toHaveLength(13);
    const bad = await api.call('POST', `${api.v25}/merchants/login`, t, {
      merchant_username: 'x',
      merchant_password: 'y',
    });
    expect(bad).toMatchObject({ status: 409, body: { error: 'authentication_failure' } });
  });
});
