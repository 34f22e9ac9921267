import { generateKeyPairSync, type KeyObject, createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { advanceClock } from '@/lib/sandbox/clock';
import { setSandboxOption, ULTRA_ANSWER_STYLES, type SandboxAnswerStyle } from '@/lib/sandbox/options';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { staffHeaders } from '@/test/support/staff';
import { ACCESS_TOKEN_TTL_MS, GRANT_TTL_MS } from './platform';
import { identityTokenFor, PERSONAS } from './personas';

/**
 * Contract tests of the Ultra platform sandbox over HTTP (docs/partners/ultra.md#secure-token-claims, #sso, #secure-token-checks). Each rule has a passing and a failing case,
 * in both answer styles (docs/partners/ultra.md#answer-styles): the answers are read back as `{STATUS, RESPONSE}`
 * after checking that they really came in the style the sandbox is set to.
 */

let app: TestApp;
let platform: string;
let ourKey: KeyObject;
let merchantId: string;
let clientId: string;
let secret: string;

beforeAll(async () => {
  app = await startTestApp();
  platform = `${app.url}/sandbox/ultra/platform`;
  const { ultra } = getConfig();
  ourKey = createPrivateKey(ultra.privateKey);
  merchantId = ultra.merchantId;
  clientId = ultra.clientId;
  secret = ultra.clientSecret;
});
afterAll(async () => app?.close());

const nowS = () => Math.floor(Date.now() / 1000);

async function jwt(
  opts: {
    key?: KeyObject;
    alg?: string;
    typ?: string;
    claims?: Record<string, unknown>;
    iat?: number;
    exp?: number;
  } = {},
): Promise<string> {
  const iat = opts.iat ?? nowS();
  return new SignJWT({ iss: clientId, sub: clientId, iat, exp: opts.exp ?? iat + 300, ...opts.claims })
    .setProtectedHeader({ alg: opts.alg ?? 'RS256', typ: opts.typ ?? 'JWT' })
    .sign(opts.key ?? ourKey);
}

let style: SandboxAnswerStyle = 'bare';

async function useStyle(s: SandboxAnswerStyle) {
  style = s;
  await setSandboxOption(app.open.db, 'ultra', 'answerStyle', s);
}

/**
 * An answer as `{STATUS, RESPONSE}`: the envelope as it came (STATUS = the HTTP status), or a bare answer
 * wrapped here (an empty 200 reads as RESPONSE "OK"; a bare failure must be plain text).
 */
async function read(res: Response): Promise<{ status: number; body: unknown }> {
  const text = await res.text();
  if (style === 'envelope') {
    const body = JSON.parse(text) as { STATUS: unknown };
    expect(body.STATUS).toBe(res.status);
    return { status: res.status, body };
  }
  if (!res.ok) {
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return { status: res.status, body: { STATUS: res.status, RESPONSE: text } };
  }
  const bare = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  expect(bare?.STATUS).toBeUndefined();
  return { status: res.status, body: { STATUS: res.status, RESPONSE: bare ?? 'OK' } };
}

async function get(path: string, token?: string | null): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.secureToken = token ?? (await jwt());
  return read(await fetch(`${platform}${path}`, { headers }));
}

async function post(path: string, body: unknown, token?: string | null): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.secureToken = token ?? (await jwt());
  return read(await fetch(`${platform}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
}

async function mintGrant(personaId = 'priya', scopes: Record<string, boolean> = allScopes(true)): Promise<string> {
  const res = await fetch(`${platform}/sandbox/grants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId, personaId, scopes }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { grantToken: string }).grantToken;
}

function allScopes(v: boolean): Record<string, boolean> {
  return { 'user.mobile': v, 'user.email': v, 'user.name': v };
}

const exchangeQuery = (grant: string, opts: { clientId?: string; rawSecret?: string } = {}) =>
  `/1/authorization/auth?grantToken=${encodeURIComponent(grant)}&clientId=${opts.clientId ?? merchantId}` +
  `&clientSecret=${opts.rawSecret ?? encodeURIComponent(secret)}`;

async function accessTokenFor(personaId = 'priya', scopes = allScopes(true)): Promise<string> {
  const { status, body } = await get(exchangeQuery(await mintGrant(personaId, scopes)));
  expect(status).toBe(200);
  return (body as { RESPONSE: { accessToken: string } }).RESPONSE.accessToken;
}

async function moveClock(ms: number) {
  await advanceClock(app.open.db, ms);
}

describe('the two answer styles, raw', () => {
  it("bare (the default, as Flipkart's platform page writes it): an empty 200, the token object, the scope map, errors as text", async () => {
    await useStyle('bare');
    const dummy = await fetch(`${platform}/1/dummy`, { headers: { secureToken: await jwt() } });
    expect([dummy.status, await dummy.text()]).toEqual([200, '']);
    const grant = await mintGrant('priya');
    const auth = await fetch(`${platform}${exchangeQuery(grant)}`, { headers: { secureToken: await jwt() } });
    const tokens = (await auth.json()) as Record<string, unknown>;
    expect(Object.keys(tokens).sort()).toEqual(['accessToken', 'identityToken']);
    const bulk = await fetch(`${platform}/1/resource/bulk?accessToken=${String(tokens.accessToken)}`, {
      method: 'POST',
      headers: { secureToken: await jwt(), 'content-type': 'application/json' },
      body: JSON.stringify(['user.name']),
    });
    expect(await bulk.json()).toEqual({ 'user.name': { firstName: 'Priya', lastName: 'Sharma' } });
    const reused = await fetch(`${platform}${exchangeQuery(grant)}`, { headers: { secureToken: await jwt() } });
    expect([reused.status, reused.headers.get('content-type'), await reused.text()]).toEqual([
      400,
      'text/plain; charset=utf-8',
      'Bad Grant token',
    ]);
  });

  it('envelope (set on the ops sandbox page): {"STATUS":…,"RESPONSE":…} for success and failure', async () => {
    await useStyle('envelope');
    try {
      const dummy = await fetch(`${platform}/1/dummy`, { headers: { secureToken: await jwt() } });
      expect(await dummy.json()).toEqual({ STATUS: 200, RESPONSE: 'OK' });
      const denied = await fetch(`${platform}/1/dummy`);
      expect([denied.status, await denied.json()]).toEqual([
        401,
        { STATUS: 401, RESPONSE: 'secureToken header is missing' },
      ]);
    } finally {
      await setSandboxOption(app.open.db, 'ultra', 'answerStyle', null);
    }
  });

  it('back to the configured default (bare) when the page setting is cleared', async () => {
    const dummy = await fetch(`${platform}/1/dummy`, { headers: { secureToken: await jwt() } });
    expect(await dummy.text()).toBe('');
  });
});

// eslint-disable-next-line max-lines-per-function -- a describe block whose tests share one database setup
describe.each(ULTRA_ANSWER_STYLES)('answering %s', (answerStyle) => {
  beforeAll(async () => useStyle(answerStyle));

  describe('secureToken on every call (401)', () => {
    it('accepts a valid RS256 token signed with the registered key: GET /1/dummy → 200', async () => {
      expect(await get('/1/dummy')).toEqual({ status: 200, body: { STATUS: 200, RESPONSE: 'OK' } });
    });

    it('rejects a missing secureToken on /1/dummy, /1/authorization/auth and /1/resource/bulk', async () => {
      expect(await get('/1/dummy', null)).toEqual({
        status: 401,
        body: { STATUS: 401, RESPONSE: 'secureToken header is missing' },
      });
      expect((await get(exchangeQuery(await mintGrant()), null)).status).toBe(401);
      expect((await post('/1/resource/bulk?accessToken=x', ['user.name'], null)).status).toBe(401);
    });

    it('rejects a token without three sections (code 11)', async () => {
      const token = (await jwt()).split('.').slice(0, 2).join('.');
      expect(await get('/1/dummy', token)).toEqual({
        status: 401,
        body: { STATUS: 401, RESPONSE: 'JWT does not contain three sections' },
      });
    });

    it('rejects alg other than RS256', async () => {
      const hs = await new SignJWT({ iss: clientId, iat: nowS(), exp: nowS() + 300 })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('x'.repeat(32)));
      expect((await get('/1/dummy', hs)).body).toEqual({ STATUS: 401, RESPONSE: 'JWT alg must be RS256' });
    });

    it('rejects a token without iss (code 12) and an unregistered iss (code 10)', async () => {
      expect((await get('/1/dummy', await jwt({ claims: { iss: undefined } }))).body).toEqual({
        STATUS: 401,
        RESPONSE: 'JWT does not contain clientId',
      });
      expect((await get('/1/dummy', await jwt({ claims: { iss: 'other.app' } }))).body).toEqual({
        STATUS: 401,
        RESPONSE: 'Invalid public key for merchant id',
      });
    });

    it('rejects a token signed with the wrong key', async () => {
      const wrong = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const res = await get('/1/dummy', await jwt({ key: wrong }));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ RESPONSE: expect.stringMatching(/signature/) });
    });

    it('rejects iat in the future beyond the skew, accepts it within the skew', async () => {
      const future = nowS() + 120;
      expect((await get('/1/dummy', await jwt({ iat: future, exp: future + 300 }))).body).toEqual({
        STATUS: 401,
        RESPONSE: 'JWT iat must be in the past',
      });
      const slight = nowS() + 5;
      expect((await get('/1/dummy', await jwt({ iat: slight, exp: slight + 300 }))).status).toBe(200);
    });

    it('rejects an expired token (exp in the past), accepts one that expires in a second', async () => {
      expect((await get('/1/dummy', await jwt({ iat: nowS() - 400, exp: nowS() - 1 }))).body).toEqual({
        STATUS: 401,
        RESPONSE: 'JWT exp must be in the future',
      });
      expect((await get('/1/dummy', await jwt({ iat: nowS() - 400, exp: nowS() + 2 }))).status).toBe(200);
    });

    it('rejects exp - iat = 1001, accepts exp - iat = 1000', async () => {
      const iat = nowS() - 10;
      expect((await get('/1/dummy', await jwt({ iat, exp: iat + 1001 }))).body).toEqual({
        STATUS: 401,
        RESPONSE: 'JWT exp - iat must not be greater than 1000',
      });
      expect((await get('/1/dummy', await jwt({ iat, exp: iat + 1000 }))).status).toBe(200);
    });

    it('accepts typ in any case and a token without sub (not required by default)', async () => {
      expect((await get('/1/dummy', await jwt({ typ: 'jwt' }))).status).toBe(200);
      expect((await get('/1/dummy', await jwt({ claims: { sub: undefined } }))).status).toBe(200);
      expect((await get('/1/dummy', await jwt({ typ: 'JOSE+JSON' }))).status).toBe(401);
    });
  });

  describe('grant token exchange, GET /1/authorization/auth', () => {
    it('exchanges a fresh grant for an access token and an IDTKN identity token', async () => {
      const { status, body } = await get(exchangeQuery(await mintGrant('priya')));
      expect(status).toBe(200);
      const response = (body as { STATUS: number; RESPONSE: Record<string, string> }).RESPONSE;
      expect((body as { STATUS: unknown }).STATUS).toBe(200);
      expect(response.identityToken).toMatch(/^IDTKN[0-9A-F]{32}[A-Z]{3}$/);
      expect(response.identityToken).toHaveLength(40);
      expect(response.accessToken).toEqual(expect.any(String));
    });

    it('identity token is deterministic per merchant and persona', async () => {
      const ids = [];
      for (const persona of ['arjun', 'arjun', 'priya']) {
        const { body } = await get(exchangeQuery(await mintGrant(persona)));
        ids.push((body as { RESPONSE: { identityToken: string } }).RESPONSE.identityToken);
      }
      expect(ids[0]).toBe(ids[1]);
      expect(ids[0]).not.toBe(ids[2]);
      expect(ids[0]).toBe(
        identityTokenFor(
          merchantId,
          PERSONAS.find((p) => p.id === 'arjun')!,
        ),
      );
    });

    it('a grant is single use: the second exchange is Bad Grant token (400)', async () => {
      const grant = await mintGrant();
      expect((await get(exchangeQuery(grant))).status).toBe(200);
      expect(await get(exchangeQuery(grant))).toEqual({
        status: 400,
        body: { STATUS: 400, RESPONSE: 'Bad Grant token' },
      });
    });

    it('two concurrent exchanges of one grant: exactly one succeeds', async () => {
      const grant = await mintGrant();
      const results = await Promise.all([get(exchangeQuery(grant)), get(exchangeQuery(grant))]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    });

    it('a grant expires after 10 minutes: just before → 200, just after → Bad Grant token', async () => {
      const young = await mintGrant();
      const old = await mintGrant();
      await moveClock(GRANT_TTL_MS - 5_000);
      try {
        expect((await get(exchangeQuery(young))).status).toBe(200);
        await moveClock(10_000);
        expect(await get(exchangeQuery(old))).toEqual({
          status: 400,
          body: { STATUS: 400, RESPONSE: 'Bad Grant token' },
        });
      } finally {
        await moveClock(-(GRANT_TTL_MS + 5_000));
      }
    });

    it('a dotted clientId (merchant.app) is Bad Grant token; the merchant id works (FAQ Q1/Q2)', async () => {
      const grant = await mintGrant();
      expect(await get(exchangeQuery(grant, { clientId }))).toEqual({
        status: 400,
        body: { STATUS: 400, RESPONSE: 'Bad Grant token' },
      });
      expect((await get(exchangeQuery(grant, { clientId: merchantId }))).status).toBe(200);
    });

    it('another merchant id is Bad Grant token (the grant and secureToken are bound to ours)', async () => {
      expect((await get(exchangeQuery(await mintGrant(), { clientId: 'othermerchant' }))).status).toBe(400);
    });

    it('an un-encoded secret with + fails, with / fails, with = fails; the URL-encoded secret works (FAQ Q2)', async () => {
      // The generated sandbox secret ends with `+/=` (lib/generated-secrets.ts).
      expect(secret).toMatch(/\+\/=$/);
      const grant = await mintGrant();
      const encoded = encodeURIComponent(secret);
      expect((await get(exchangeQuery(grant, { rawSecret: secret }))).body).toEqual({
        STATUS: 400,
        RESPONSE: 'Bad Grant token',
      });
      const plusRaw = encoded.replace('%2B', '+');
      expect((await get(exchangeQuery(grant, { rawSecret: plusRaw }))).status).toBe(400);
      const slashRaw = encoded.replace('%2F', '/');
      expect((await get(exchangeQuery(grant, { rawSecret: slashRaw }))).status).toBe(400);
      const equalsRaw = encoded.replace('%3D', '=');
      expect((await get(exchangeQuery(grant, { rawSecret: equalsRaw }))).status).toBe(400);
      // The failed attempts did not consume the grant: the correct call still succeeds.
      const lowerEscapes = encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
      expect((await get(exchangeQuery(grant, { rawSecret: lowerEscapes }))).status).toBe(200);
    });

    it('an unknown grant token or a missing parameter is Bad Grant token', async () => {
      expect((await get(exchangeQuery('GTnot-a-real-grant'))).status).toBe(400);
      expect((await get(`/1/authorization/auth?clientId=${merchantId}&clientSecret=x`)).body).toEqual({
        STATUS: 400,
        RESPONSE: 'Bad Grant token',
      });
    });
  });

  describe('resource bulk, POST /1/resource/bulk and /2/resource/bulk', () => {
    it('returns granted and requested scopes with the corrected shapes', async () => {
      const token = await accessTokenFor('priya');
      expect(await post(`/1/resource/bulk?accessToken=${token}`, ['user.mobile', 'user.email', 'user.name'])).toEqual({
        status: 200,
        body: {
          STATUS: 200,
          RESPONSE: {
            'user.mobile': { mobileNumber: '9876543210', isVerified: true },
            'user.email': { email: 'priya.sharma@example.com', isVerified: true },
            'user.name': { firstName: 'Priya', lastName: 'Sharma' },
          },
        },
      });
    });

    it('a scope not granted is null; a scope not requested is absent', async () => {
      const token = await accessTokenFor('kavya', { 'user.mobile': true, 'user.email': false, 'user.name': true });
      const { body } = await post(`/1/resource/bulk?accessToken=${token}`, ['user.email', 'user.name']);
      expect(body).toEqual({
        STATUS: 200,
        RESPONSE: { 'user.email': null, 'user.name': { firstName: 'Kavya', lastName: 'Iyer' } },
      });
    });

    it('a granted scope the persona has no value for is null (no name on file)', async () => {
      const token = await accessTokenFor('sam');
      const { body } = await post(`/1/resource/bulk?accessToken=${token}`, ['user.name', 'user.mobile']);
      expect(body).toEqual({
        STATUS: 200,
        RESPONSE: { 'user.name': null, 'user.mobile': { mobileNumber: '9988776655', isVerified: true } },
      });
    });

    it('unverified values carry isVerified false', async () => {
      const token = await accessTokenFor('arjun');
      const { body } = await post(`/1/resource/bulk?accessToken=${token}`, ['user.email']);
      expect(body).toEqual({
        STATUS: 200,
        RESPONSE: { 'user.email': { email: 'arjun.mehta@example.com', isVerified: false } },
      });
    });

    it('/2/resource/bulk is an alias of /1/resource/bulk', async () => {
      const token = await accessTokenFor('priya');
      const one = await post(`/1/resource/bulk?accessToken=${token}`, ['user.name']);
      const two = await post(`/2/resource/bulk?accessToken=${token}`, ['user.name']);
      expect(two).toEqual(one);
      expect(two.status).toBe(200);
    });

    it('the access token is valid for one hour: 59 minutes → 200, 61 minutes → 401', async () => {
      const token = await accessTokenFor('priya');
      await moveClock(ACCESS_TOKEN_TTL_MS - 60_000);
      try {
        expect((await post(`/1/resource/bulk?accessToken=${token}`, ['user.name'])).status).toBe(200);
        await moveClock(120_000);
        expect(await post(`/1/resource/bulk?accessToken=${token}`, ['user.name'])).toEqual({
          status: 401,
          body: { STATUS: 401, RESPONSE: 'Invalid or expired access token' },
        });
      } finally {
        await moveClock(-(ACCESS_TOKEN_TTL_MS + 60_000));
      }
    });

    it('an unknown or missing access token is 401; a body that is not a scope list is 400', async () => {
      expect((await post('/1/resource/bulk?accessToken=nope', ['user.name'])).status).toBe(401);
      expect((await post('/1/resource/bulk', ['user.name'])).status).toBe(401);
      const token = await accessTokenFor('priya');
      expect(await post(`/1/resource/bulk?accessToken=${token}`, { scopes: ['user.name'] })).toEqual({
        status: 400,
        body: { STATUS: 400, RESPONSE: 'Body must be a JSON array of scope strings' },
      });
    });
  });

  it('an unknown platform path answers 404 in the same style', async () => {
    expect(await get('/1/nothing')).toEqual({
      status: 404,
      body: { STATUS: 404, RESPONSE: 'No such Ultra platform API: /1/nothing' },
    });
  });
});

describe('sandbox-only endpoints', () => {
  it('a persona who changes their Flipkart mobile gets another identity token and the new number (PUT /sandbox/options/ultra, staff)', async () => {
    const put = async (body: unknown, staff = true) =>
      fetch(`${app.url}/sandbox/options/ultra`, {
        method: 'PUT',
        headers: staff
          ? await staffHeaders({ 'content-type': 'application/json' })
          : { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await useStyle('bare');
    const before = (
      (await get(exchangeQuery(await mintGrant('arjun')))).body as { RESPONSE: { identityToken: string } }
    ).RESPONSE.identityToken;
    expect((await put({ 'mobile.arjun': '9000000002' }, false)).status).toBe(403);
    expect((await put({ 'mobile.arjun': '12345' })).status).toBe(400);
    expect((await put({ 'mobile.nobody': '9000000002' })).status).toBe(400);
    const changed = await put({ 'mobile.arjun': '9000000002' });
    expect(await changed.json()).toMatchObject({ changedMobiles: { arjun: '9000000002' } });
    try {
      const { body } = await get(exchangeQuery(await mintGrant('arjun')));
      const { identityToken, accessToken } = (body as { RESPONSE: { identityToken: string; accessToken: string } })
        .RESPONSE;
      expect(identityToken).not.toBe(before);
      expect(identityToken).toMatch(/^IDTKN[0-9A-F]{32}[A-Z]{3}$/);
      expect((await post(`/1/resource/bulk?accessToken=${accessToken}`, ['user.mobile'])).body).toEqual({
        STATUS: 200,
        RESPONSE: { 'user.mobile': { mobileNumber: '9000000002', isVerified: true } },
      });
    } finally {
      expect((await put({ 'mobile.arjun': null })).status).toBe(200);
    }
    const back = (await get(exchangeQuery(await mintGrant('arjun')))).body as { RESPONSE: { identityToken: string } };
    expect(back.RESPONSE.identityToken).toBe(before);
  });

  it('mints grants only for the registered client and known personas', async () => {
    const mint = (body: unknown) =>
      fetch(`${platform}/sandbox/grants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await mint({ clientId, personaId: 'priya', scopes: { 'user.name': true } })).status).toBe(201);
    expect((await mint({ clientId: merchantId, personaId: 'priya', scopes: { 'user.name': true } })).status).toBe(201);
    expect((await mint({ clientId: 'other.app', personaId: 'priya', scopes: { 'user.name': true } })).status).toBe(400);
    expect((await mint({ clientId, personaId: 'nobody', scopes: { 'user.name': true } })).status).toBe(400);
    expect((await mint({ clientId, personaId: 'priya', scopes: {} })).status).toBe(400);
  });

  it('serves the registered merchant keys as a JWKS', async () => {
    const res = await fetch(`${platform}/jwks`);
    const body = (await res.json()) as { keys: { kid: string; kty: string; alg: string; d?: string }[] };
    expect(body.keys).toEqual([expect.objectContaining({ kid: clientId, kty: 'RSA', alg: 'RS256' })]);
    expect(body.keys[0]?.d).toBeUndefined();
  });
});
