import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { advanceClock } from '@/lib/sandbox/clock';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { verifyAccessToken } from './keycloak';
import { decodeJwt, operatorCall, passwordForm, postForm, TOKEN_PATH } from '@/test/support/opentv-api';

let app: TestApp;
let tokenUrl: string;

beforeAll(async () => {
  app = await startTestApp();
  tokenUrl = `${app.url}${TOKEN_PATH}`;
});
afterAll(async () => app?.close());
beforeEach(async () => {
  await app.open.db.execute(sql`delete from sandbox_settings where partner = 'clock'`);
});

const cfg = () => getConfig().opentv;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

// eslint-disable-next-line max-lines-per-function -- a describe block whose tests share one database setup
describe('Keycloak token endpoint', () => {
  it('password grant: 300 s access token and 1800 s refresh token, with Nagra claims', async () => {
    const { status, body } = await postForm(tokenUrl, passwordForm());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      expires_in: 300,
      refresh_expires_in: 1800,
      token_type: 'Bearer',
      scope: 'profile email',
    });
    expect(body['not-before-policy']).toBe(0);
    const { header, payload } = decodeJwt(String(body.access_token));
    expect(header.alg).toBe('RS256');
    expect(payload).toMatchObject({
      iss: `${app.url}/sandbox/opentv/keycloak/auth/realms/nagra`,
      azp: cfg().clientId,
      typ: 'Bearer',
      realm_access: { roles: ['operatorRole'] },
      scope: 'profile email',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(300);
    expect(decodeJwt(String(body.refresh_token)).payload.typ).toBe('Refresh');
  });

  it('serves the same realm at /realms/nagra and /auth/realms/nagra', async () => {
    for (const prefix of ['/realms/nagra', '/auth/realms/nagra']) {
      const { status } = await postForm(
        `${app.url}/sandbox/opentv${prefix}/protocol/openid-connect/token`,
        passwordForm(),
      );
      expect(status).toBe(200);
    }
    const wrongRealm = await postForm(
      `${app.url}/sandbox/opentv/realms/master/protocol/openid-connect/token`,
      passwordForm(),
    );
    expect(wrongRealm.status).toBe(404);
  });

  it('signs with a key published at the certs endpoint', async () => {
    const res = await fetch(`${app.url}/sandbox/opentv/keycloak/auth/realms/nagra/protocol/openid-connect/certs`);
    const { keys } = (await res.json()) as { keys: { kid: string; alg: string }[] };
    const { body } = await postForm(tokenUrl, passwordForm());
    expect(keys.map((k) => k.kid)).toContain(decodeJwt(String(body.access_token)).header.kid);
  });

  it('missing grant_type → 400 invalid_request', async () => {
    const { grant_type: _omit, ...rest } = passwordForm();
    void _omit;
    const { status, body } = await postForm(tokenUrl, rest);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
  });

  it('a JSON body is not read (form only): 400 invalid_request', async () => {
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(passwordForm()),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });

  it('missing client_id → 400 invalid_client', async () => {
    const { client_id: _omit, ...rest } = passwordForm();
    void _omit;
    const { status, body } = await postForm(tokenUrl, rest);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_client', error_description: 'Missing client_id parameter' });
  });

  it('unknown client → 401 invalid_client', async () => {
    const { status, body } = await postForm(tokenUrl, { ...passwordForm(), client_id: 'someone_else' });
    expect(status).toBe(401);
    expect(body).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client or Invalid client credentials',
    });
  });

  it('wrong password → 401 invalid_grant "Invalid user credentials"; wrong user too', async () => {
    for (const form of [
      { ...passwordForm(), password: 'nope' },
      { ...passwordForm(), username: 'mallory' },
    ]) {
      const { status, body } = await postForm(tokenUrl, form);
      expect(status).toBe(401);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    }
  });

  it('client_credentials with the secret in the form: no refresh token, refresh_expires_in 0', async () => {
    const { status, body } = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_id: cfg().clientId,
      client_secret: cfg().clientSecret,
    });
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(body).toMatchObject({ expires_in: 300, refresh_expires_in: 0, token_type: 'Bearer' });
    expect(decodeJwt(String(body.access_token)).payload).toMatchObject({
      azp: cfg().clientId,
      realm_access: { roles: ['operatorRole'] },
    });
  });

  it('client_credentials with HTTP Basic client authentication', async () => {
    const ok = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic(cfg().clientId, cfg().clientSecret) },
    );
    expect(ok.status).toBe(200);
    const bad = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials' },
      { authorization: basic(cfg().clientId, 'wrong') },
    );
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('invalid_client');
  });

  it('client_credentials without or with a wrong secret → 401 invalid_client', async () => {
    const forms: Record<string, string>[] = [
      { grant_type: 'client_credentials', client_id: cfg().clientId },
      { grant_type: 'client_credentials', client_id: cfg().clientId, client_secret: 'wrong' },
    ];
    for (const form of forms) {
      const { status, body } = await postForm(tokenUrl, form);
      expect(status).toBe(401);
      expect(body.error).toBe('invalid_client');
    }
  });

  it('unsupported grant → 400 unsupported_grant_type', async () => {
    const { status, body } = await postForm(tokenUrl, { ...passwordForm(), grant_type: 'authorization_code' });
    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
  });

  it('refresh_token grant issues new access and refresh tokens', async () => {
    const first = await postForm(tokenUrl, passwordForm());
    await advanceClock(app.open.db, 200_000);
    const { status, body } = await postForm(tokenUrl, {
      grant_type: 'refresh_token',
      client_id: cfg().clientId,
      refresh_token: String(first.body.refresh_token),
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 300, refresh_expires_in: 1800 });
    const a = decodeJwt(String(first.body.access_token)).payload;
    const b = decodeJwt(String(body.access_token)).payload;
    expect(Number(b.iat) - Number(a.iat)).toBeGreaterThanOrEqual(200);
    expect(b.sid).toBe(a.sid);
  });

  it('an expired refresh token (after 1800 s) → 400 invalid_grant', async () => {
    const first = await postForm(tokenUrl, passwordForm());
    const form = {
      grant_type: 'refresh_token',
      client_id: cfg().clientId,
      refresh_token: String(first.body.refresh_token),
    };
    // 1798 s, not 1799: `iat` is whole seconds and the sandbox clock keeps real time moving.
    await advanceClock(app.open.db, 1_798_000);
    expect((await postForm(tokenUrl, form)).status).toBe(200);
    await advanceClock(app.open.db, 3_000);
    const { status, body } = await postForm(tokenUrl, form);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Token is not active' });
  });

  it('a forged, missing or access-token-as-refresh token → 400', async () => {
    const first = await postForm(tokenUrl, passwordForm());
    const refresh = String(first.body.refresh_token);
    const forged = refresh.slice(0, -4) + (refresh.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const token of [forged, String(first.body.access_token), 'not-a-jwt']) {
      const { status, body } = await postForm(tokenUrl, {
        grant_type: 'refresh_token',
        client_id: cfg().clientId,
        refresh_token: token,
      });
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
    }
    const missing = await postForm(tokenUrl, { grant_type: 'refresh_token', client_id: cfg().clientId });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
  });

  it('an access token works on operator APIs for 300 s and then gets 403', async () => {
    const { body } = await postForm(tokenUrl, passwordForm());
    const token = String(body.access_token);
    const { iat, exp } = decodeJwt(token).payload as { iat: number; exp: number };
    expect(exp - iat).toBe(300);
    // The boundary is judged at fixed instants: the sandbox clock is real time plus an offset, and
    // `iat` is whole seconds, so "299 s later" over HTTP left well under a second of real slack.
    const bearer = `Bearer ${token}`;
    expect(await verifyAccessToken(bearer, new Date(exp * 1000 - 1))).toMatchObject({ ok: true });
    expect(await verifyAccessToken(bearer, new Date(exp * 1000))).toEqual({ ok: false, message: 'Token has expired' });
    const get = () => operatorCall(app.url, token, 'GET', '/adm/v1/accounts/acct-priya-0001');
    expect((await get()).status).toBe(200);
    await advanceClock(app.open.db, 301_000);
    const expired = await get();
    expect(expired.status).toBe(403);
    expect(expired.body).toMatchObject({ code: 'adm:403' });
  });

  it('GET on the token endpoint is not allowed', async () => {
    expect((await fetch(tokenUrl)).status).toBe(405);
  });
});
