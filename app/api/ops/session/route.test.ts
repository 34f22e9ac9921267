import { afterEach, describe, expect, it, vi } from 'vitest';

// No database and no password check: these requests must be refused before either.
const signInStaff = vi.fn();
vi.mock('@/lib/ops/staff-session', () => ({ signInStaff: (...a: unknown[]) => signInStaff(...a) }));
const { POST } = await import('./route');

const HOST = 'store.example';
const post = (body: string, headers: Record<string, string>) =>
  POST(new Request(`https://${HOST}/api/ops/session`, { method: 'POST', headers: { host: HOST, ...headers }, body }));

describe('POST /api/ops/session refuses login CSRF', () => {
  afterEach(() => {
    expect(signInStaff).not.toHaveBeenCalled();
    signInStaff.mockReset();
  });

  it('a form or JSON from another site: 403, named', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'application/json']) {
      const res = await post('name=demo&password=x', { origin: 'https://evil.example', 'content-type': type });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'invalid_request', message: 'origin: not one of this site’s pages' });
    }
  });

  it('a form with no Origin at all (not a script sending JSON): 415, named', async () => {
    const res = await post('name=demo&password=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toMatch(/^content-type: must be application\/json/);
  });
});
