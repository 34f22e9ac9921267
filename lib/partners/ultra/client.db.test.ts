import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { integrationCalls } from '@/lib/db/schema';
import { newCorrelationId } from '@/lib/partners/http';
import { setSandboxOption, ULTRA_ANSWER_STYLES } from '@/test/support/sandbox';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { ultraClient } from './client';
import { UltraAuthError, UltraBadGrantError, UltraProtocolError, UltraUnavailableError } from './errors';
import { getSecureTokenSigner } from './signer';

/** The Ultra client over HTTP against the platform sandbox and a few hand-written partner answers. */

let app: TestApp;
/** A hand-written partner answer: JSON, or `text` as plain text (an empty string: no body at all). */
let fake: { status: number; body?: unknown; text?: string } = { status: 200, body: {} };

beforeAll(async () => {
  app = await startTestApp({
    mounts: {
      '/fake-ultra': () =>
        fake.text !== undefined
          ? new Response(fake.text || null, { status: fake.status, headers: { 'content-type': 'text/plain' } })
          : Response.json(fake.body, { status: fake.status }),
    },
  });
});
afterAll(async () => app?.close());
afterEach(() => {
  delete process.env.ULTRA_PLATFORM_URL;
  resetConfigForTests();
});

function usePlatform(url: string) {
  process.env.ULTRA_PLATFORM_URL = url;
  resetConfigForTests();
}

async function mintGrant(personaId: string, scopes: Record<string, boolean>): Promise<string> {
  const res = await fetch(`${app.url}/sandbox/ultra/platform/sandbox/grants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: getConfig().ultra.clientId, personaId, scopes }),
  });
  return ((await res.json()) as { grantToken: string }).grantToken;
}

const ALL = { 'user.mobile': true, 'user.email': true, 'user.name': true };

describe.each(ULTRA_ANSWER_STYLES)('Ultra client against the platform sandbox answering %s', (style) => {
  beforeAll(() => setSandboxOption(app.open.db, 'ultra', 'answerStyle', style));
  afterAll(() => setSandboxOption(app.open.db, 'ultra', 'answerStyle', null));

  it('checkCredentials (GET /1/dummy) resolves against the sandbox, naming the style; a 401 answer is UltraAuthError', async () => {
    await expect(ultraClient().checkCredentials()).resolves.toEqual({ style });
    // In-process, the sandbox registers whatever key the config holds, so the rejection comes
    // from a hand-written answer (the sandbox's own wrong-key case is in its contract tests).
    usePlatform(`${app.url}/fake-ultra`);
    fake = {
      status: 401,
      body: { STATUS: 401, RESPONSE: 'JWT signature does not verify against the registered public key' },
    };
    await expect(ultraClient().checkCredentials()).rejects.toBeInstanceOf(UltraAuthError);
    await expect(ultraClient().checkCredentials()).rejects.toThrow(/signature/);
  });

  it('reuses one secureToken across calls (one signature in steady state)', async () => {
    const before = getSecureTokenSigner().signed;
    await ultraClient().checkCredentials();
    await ultraClient().checkCredentials();
    expect(getSecureTokenSigner().signed - before).toBeLessThanOrEqual(1);
  });

  it('exchanges a grant (merchant id, URL-encoded secret) and fetches the granted profile', async () => {
    const { accessToken, identityToken } = await ultraClient().exchangeGrant(await mintGrant('priya', ALL));
    expect(identityToken).toMatch(/^IDTKN[0-9A-F]{32}[A-Z]{3}$/);
    expect(await ultraClient().fetchResources(accessToken, ['user.mobile', 'user.email', 'user.name'])).toEqual({
      mobile: { number: '9876543210', verified: true },
      email: { address: 'priya.sharma@example.com', verified: true },
      name: { first: 'Priya', last: 'Sharma' },
    });
  });

  it('a scope not granted comes back null in the profile', async () => {
    const grant = await mintGrant('kavya', { ...ALL, 'user.email': false });
    const { accessToken } = await ultraClient().exchangeGrant(grant);
    const profile = await ultraClient().fetchResources(accessToken, ['user.mobile', 'user.email', 'user.name']);
    expect(profile.email).toBeNull();
    expect(profile.name).toEqual({ first: 'Kavya', last: 'Iyer' });
  });

  it('a reused grant is UltraBadGrantError', async () => {
    const grant = await mintGrant('priya', ALL);
    await ultraClient().exchangeGrant(grant);
    await expect(ultraClient().exchangeGrant(grant)).rejects.toBeInstanceOf(UltraBadGrantError);
  });

  it('redacts the call log: no access token, grant token, secret, secureToken or personal data', async () => {
    const correlationId = newCorrelationId();
    const grant = await mintGrant('priya', ALL);
    const { accessToken } = await ultraClient().exchangeGrant(grant, { correlationId });
    await ultraClient().fetchResources(accessToken, ['user.mobile', 'user.email', 'user.name'], { correlationId });
    const rows = await app.open.db
      .select()
      .from(integrationCalls)
      .where(eq(integrationCalls.correlationId, correlationId));
    expect(rows.map((r) => [r.partner, r.operation, r.status])).toEqual([
      ['ultra', 'exchangeGrant', 200],
      ['ultra', 'fetchResources', 200],
    ]);
    const logged = JSON.stringify(rows);
    const { clientSecret } = getConfig().ultra;
    const secureToken = await getSecureTokenSigner().get();
    for (const secret of [
      accessToken,
      grant,
      clientSecret,
      encodeURIComponent(clientSecret),
      secureToken,
      '9876543210',
      'priya.sharma@example.com',
      '"Priya"',
      '"Sharma"',
    ]) {
      expect(logged).not.toContain(secret);
    }
    expect(rows[0]?.path).toBe(
      '/sandbox/ultra/platform/1/authorization/auth?grantToken=[redacted]&clientId=hotstar&clientSecret=[redacted]',
    );
    expect(rows[1]?.path).toBe('/sandbox/ultra/platform/1/resource/bulk?accessToken=[redacted]');
    expect((rows[0]?.request as { headers: Record<string, string> }).headers.secureToken).toBe('[redacted]');
  });
});

describe('Ultra client against partner answers the sandbox does not give', () => {
  it('parses the docs’ swapped field layout over HTTP', async () => {
    usePlatform(`${app.url}/fake-ultra`);
    fake = {
      status: 200,
      body: {
        STATUS: '200',
        RESPONSE: {
          'user.mobile': { email: '9000011111', isVerified: true },
          'user.email': { mobileNumber: 'k@example.com', isVerified: false },
        },
      },
    };
    expect(await ultraClient().fetchResources('token', ['user.mobile', 'user.email', 'user.name'])).toEqual({
      mobile: { number: '9000011111', verified: true },
      email: { address: 'k@example.com', verified: false },
      name: null,
    });
  });

  it('a 2xx whose STATUS is not 200 is a failure, mapped by STATUS', async () => {
    usePlatform(`${app.url}/fake-ultra`);
    fake = { status: 200, body: { STATUS: 400, RESPONSE: 'Bad Grant token' } };
    await expect(ultraClient().exchangeGrant('g')).rejects.toBeInstanceOf(UltraBadGrantError);
    fake = { status: 200, body: { STATUS: 'OK', RESPONSE: 'OK' } };
    await expect(ultraClient().checkCredentials()).rejects.toBeInstanceOf(UltraProtocolError);
    fake = { status: 200, body: { STATUS: 200, RESPONSE: { accessToken: 'a' } } };
    await expect(ultraClient().exchangeGrant('g')).rejects.toBeInstanceOf(UltraProtocolError);
  });

  it("bare answers as Flipkart's platform page writes them: a plain 200, the token object, the scope map", async () => {
    usePlatform(`${app.url}/fake-ultra`);
    fake = { status: 200, text: '' };
    await expect(ultraClient().checkCredentials()).resolves.toEqual({ style: 'bare' });
    fake = { status: 200, text: 'OK' };
    await expect(ultraClient().checkCredentials()).resolves.toEqual({ style: 'bare' });
    fake = { status: 200, body: { identityToken: 'IDTKN848F9123941444B990045011A48D4920PEJ', accessToken: 'acc' } };
    await expect(ultraClient().exchangeGrant('g')).resolves.toEqual({
      identityToken: 'IDTKN848F9123941444B990045011A48D4920PEJ',
      accessToken: 'acc',
    });
    // The seed's own (swapped) field layout, bare.
    fake = {
      status: 200,
      body: {
        'user.mobile': { email: '9000011111', isVerified: true },
        'user.email': { mobileNumber: 'k@example.com', isVerified: true },
      },
    };
    expect(await ultraClient().fetchResources('t', ['user.mobile', 'user.email'])).toEqual({
      mobile: { number: '9000011111', verified: true },
      email: { address: 'k@example.com', verified: true },
      name: null,
    });
  });

  it('bare failures, as plain text or JSON without the envelope, are mapped by the HTTP status with their message', async () => {
    usePlatform(`${app.url}/fake-ultra`);
    fake = { status: 400, text: 'Bad Grant token' };
    await expect(ultraClient().exchangeGrant('g')).rejects.toThrow(
      new UltraBadGrantError('Ultra exchangeGrant: Bad Grant token', 400),
    );
    fake = { status: 400, body: { error: 'BadRequest', message: 'Bad Grant token' } };
    await expect(ultraClient().exchangeGrant('g')).rejects.toBeInstanceOf(UltraBadGrantError);
    await expect(ultraClient().exchangeGrant('g')).rejects.toThrow(/Bad Grant token/);
    fake = { status: 401, text: 'Unauthorized' };
    await expect(ultraClient().checkCredentials()).rejects.toBeInstanceOf(UltraAuthError);
    fake = { status: 403, body: { error: 'invalid secureToken' } };
    await expect(ultraClient().checkCredentials()).rejects.toThrow(/invalid secureToken/);
    fake = { status: 503, text: '<html><body>Service Unavailable</body></html>' };
    await expect(ultraClient().fetchResources('t', ['user.name'])).rejects.toBeInstanceOf(UltraUnavailableError);
    fake = { status: 404, text: '' };
    await expect(ultraClient().checkCredentials()).rejects.toBeInstanceOf(UltraProtocolError);
  });

  it('a bare 2xx that cannot be read stays a protocol failure: text for tokens, text or a list for the scope map', async () => {
    usePlatform(`${app.url}/fake-ultra`);
    fake = { status: 200, text: 'OK' };
    await expect(ultraClient().exchangeGrant('g')).rejects.toBeInstanceOf(UltraProtocolError);
    fake = { status: 200, body: { identityToken: 'not-an-idtkn', accessToken: 'a' } };
    await expect(ultraClient().exchangeGrant('g')).rejects.toBeInstanceOf(UltraProtocolError);
    fake = { status: 200, text: '<html>maintenance</html>' };
    await expect(ultraClient().fetchResources('t', ['user.name'])).rejects.toBeInstanceOf(UltraProtocolError);
    fake = { status: 200, body: ['user.name'] };
    await expect(ultraClient().fetchResources('t', ['user.name'])).rejects.toBeInstanceOf(UltraProtocolError);
  });

  it('5xx and 429 are UltraUnavailableError (after the safe retries)', async () => {
    usePlatform(`${app.url}/fake-ultra`);
    fake = { status: 503, body: { STATUS: 503, RESPONSE: 'Service Unavailable' } };
    await expect(ultraClient().fetchResources('t', ['user.name'])).rejects.toBeInstanceOf(UltraUnavailableError);
    fake = { status: 429, body: { STATUS: 429, RESPONSE: 'Rate Limit reached for client' } };
    await expect(ultraClient().exchangeGrant('g')).rejects.toThrow(/Rate Limit reached/);
  });

  it('a platform that does not answer is UltraUnavailableError', async () => {
    usePlatform('http://127.0.0.1:9');
    await expect(ultraClient().exchangeGrant('g')).rejects.toBeInstanceOf(UltraUnavailableError);
  });
});
