import { afterEach, describe, expect, it, vi } from 'vitest';

// Auth.js itself is not loaded: these requests must be refused before anyone is signed in.
const signInWithGrant = vi.fn();
vi.mock('@/lib/auth/sign-in', () => ({ signInWithGrant: (...a: unknown[]) => signInWithGrant(...a) }));
const { POST } = await import('./route');

const HOST = 'store.example';
const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  POST(
    new Request(`https://${HOST}/api/sign-in/flipkart`, {
      method: 'POST',
      headers: { host: HOST, origin: `https://${HOST}`, 'content-type': 'application/json', ...headers },
      body,
    }),
  );

async function refusal(res: Response) {
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { ok: boolean; code: string; message: string };
  expect(body).toMatchObject({ ok: false, code: 'invalid_request' });
  return { status: res.status, message: body.message };
}

describe('POST /api/sign-in/flipkart refuses what no sign-in sends, before asking Flipkart', () => {
  afterEach(() => {
    expect(signInWithGrant).not.toHaveBeenCalled();
    signInWithGrant.mockReset();
  });

  it('another site, or no origin at all: 403', async () => {
    expect(await refusal(await post('{}', { origin: 'https://evil.example' }))).toEqual({
      status: 403,
      message: 'origin: not one of this store’s pages',
    });
    const noOrigin = new Request(`https://${HOST}/api/sign-in/flipkart`, {
      method: 'POST',
      headers: { host: HOST, 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await refusal(await POST(noOrigin))).status).toBe(403);
  });

  it('a form post instead of JSON: 415', async () => {
    const res = await post('grantToken=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await refusal(res)).toEqual({ status: 415, message: 'content-type: must be application/json' });
  });

  it('a body over 4 KiB: 413, named', async () => {
    const res = await post(JSON.stringify({ grantToken: 'g'.repeat(5000), returnTo: '/' }));
    expect(await refusal(res)).toMatchObject({ status: 413, message: expect.stringMatching(/^body: larger than/) });
  });

  it('malformed JSON and a missing or odd grant token: 400, naming the field', async () => {
    expect(await refusal(await post('{"grantToken":'))).toEqual({ status: 400, message: 'body: not valid JSON' });
    const missing = await refusal(await post(JSON.stringify({ returnTo: '/' })));
    expect(missing).toMatchObject({ status: 400, message: expect.stringMatching(/^grantToken: /) });
    const number = await refusal(await post(JSON.stringify({ grantToken: 42 })));
    expect(number).toMatchObject({ status: 400, message: expect.stringMatching(/^grantToken: /) });
  });
});

describe('POST /api/sign-in/flipkart from our own page', () => {
  it('hands a well-formed request to the sign-in and answers with its result', async () => {
    signInWithGrant.mockResolvedValueOnce({ ok: true, redirectTo: '/orders' });
    const res = await post(JSON.stringify({ grantToken: 'grant-1', returnTo: '/orders' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, redirectTo: '/orders' });
    expect(signInWithGrant).toHaveBeenCalledWith('grant-1', '/orders');
  });

  it('over the sign-in limit: 429 with Retry-After, and the code the button turns into "try again in N min"', async () => {
    signInWithGrant.mockResolvedValueOnce({ ok: false, code: 'rate_limited', retryAfterSeconds: 42 });
    const res = await post(JSON.stringify({ grantToken: 'grant-2', returnTo: '/' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('42');
    expect(await res.json()).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 42 });
  });
});
