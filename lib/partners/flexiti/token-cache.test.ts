import { describe, expect, it } from 'vitest';
import { FlexitiError } from './errors';
import { TokenCache, type FlexitiScope, type IssuedToken, type TokenSource } from './token-cache';

/** A fake Flexiti token endpoint that counts calls and can be made slow or failing. */
function fakeSource() {
  const calls: { grant: 'client_credentials' | 'refresh_token'; scope: FlexitiScope; refreshToken?: string }[] = [];
  let n = 0;
  let gate: Promise<void> | null = null;
  let failRefresh: FlexitiError | null = null;
  let failAll: Error | null = null;
  const issue = (): IssuedToken => {
    n++;
    return { accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresInS: 1200 };
  };
  const source: TokenSource = {
    async clientCredentials(scope) {
      calls.push({ grant: 'client_credentials', scope });
      if (gate) await gate;
      if (failAll) throw failAll;
      return issue();
    },
    async refresh(scope, refreshToken) {
      calls.push({ grant: 'refresh_token', scope, refreshToken });
      if (gate) await gate;
      if (failRefresh) throw failRefresh;
      return issue();
    },
  };
  return {
    source,
    calls,
    hold() {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    failRefreshWith(e: FlexitiError | null) {
      failRefresh = e;
    },
    failWith(e: Error | null) {
      failAll = e;
    },
  };
}

function setup() {
  const fake = fakeSource();
  let now = 1_000_000;
  const cache = new TokenCache(fake.source, () => now);
  return { fake, cache, advance: (ms: number) => (now += ms) };
}

const MIN = 60_000;

describe('TokenCache', () => {
  it('gets a token with client_credentials once and reuses it', async () => {
    const { fake, cache } = setup();
    expect(await cache.get('customer')).toBe('access-1');
    expect(await cache.get('customer')).toBe('access-1');
    expect(fake.calls).toEqual([{ grant: 'client_credentials', scope: 'customer' }]);
  });

  it('keeps one token per scope', async () => {
    const { fake, cache } = setup();
    await cache.get('customer');
    await cache.get('merchant');
    expect(fake.calls.map((c) => c.scope)).toEqual(['customer', 'merchant']);
  });

  it('renews 60 s before expiry with the refresh_token grant, not earlier', async () => {
    const { fake, cache, advance } = setup();
    await cache.get('merchant');
    advance(20 * MIN - 61_000); // 61 s left
    expect(await cache.get('merchant')).toBe('access-1');
    advance(2_000); // 59 s left
    expect(await cache.get('merchant')).toBe('access-2');
    expect(fake.calls[1]).toEqual({ grant: 'refresh_token', scope: 'merchant', refreshToken: 'refresh-1' });
  });

  it('uses client_credentials again once the token has expired (a refresh would be refused)', async () => {
    const { fake, cache, advance } = setup();
    await cache.get('customer');
    advance(20 * MIN);
    expect(await cache.get('customer')).toBe('access-2');
    expect(fake.calls.map((c) => c.grant)).toEqual(['client_credentials', 'client_credentials']);
  });

  it('gives the widget a token with at least 19 of its 20 minutes left', async () => {
    const { fake, cache, advance } = setup();
    await cache.get('customer');
    advance(30_000); // 19.5 min left: good enough
    expect(await cache.get('customer', { minRemainingMs: 19 * MIN })).toBe('access-1');
    advance(40_000); // 18.8 min left: renew before opening the widget
    expect(await cache.get('customer', { minRemainingMs: 19 * MIN })).toBe('access-2');
    expect(fake.calls[1]!.grant).toBe('refresh_token');
    // The ordinary threshold would still have used the old one.
    advance(30_000);
    expect(await cache.get('customer')).toBe('access-2');
  });

  it('makes one token call for many concurrent callers (single flight)', async () => {
    const { fake, cache } = setup();
    const release = fake.hold();
    const callers = Array.from({ length: 20 }, () => cache.get('customer'));
    release();
    expect(new Set(await Promise.all(callers))).toEqual(new Set(['access-1']));
    expect(fake.calls).toHaveLength(1);
  });

  it('single flight also covers a refresh', async () => {
    const { fake, cache, advance } = setup();
    await cache.get('customer');
    advance(20 * MIN - 30_000);
    const release = fake.hold();
    const callers = Array.from({ length: 10 }, () => cache.get('customer'));
    release();
    expect(new Set(await Promise.all(callers))).toEqual(new Set(['access-2']));
    expect(fake.calls.filter((c) => c.grant === 'refresh_token')).toHaveLength(1);
  });

  it('shares a failure with every waiting caller, then tries again on the next call', async () => {
    const { fake, cache } = setup();
    fake.failWith(new Error('down'));
    const results = await Promise.allSettled([cache.get('merchant'), cache.get('merchant')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(fake.calls).toHaveLength(1);
    fake.failWith(null);
    expect(await cache.get('merchant')).toBe('access-1');
  });

  it('falls back to client_credentials when the refresh is refused', async () => {
    const { fake, cache, advance } = setup();
    await cache.get('customer');
    advance(20 * MIN - 10_000);
    fake.failRefreshWith(new FlexitiError('invalid_token', 401, 'refused', { operation: 'token' }));
    expect(await cache.get('customer')).toBe('access-2');
    expect(fake.calls.map((c) => c.grant)).toEqual(['client_credentials', 'refresh_token', 'client_credentials']);
  });

  it('does not hide other refresh failures', async () => {
    const { fake, cache, advance } = setup();
    await cache.get('customer');
    advance(20 * MIN - 10_000);
    fake.failRefreshWith(new FlexitiError('unavailable', 0, 'down', { operation: 'token' }));
    await expect(cache.get('customer')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('forgets a token the partner rejected', async () => {
    const { fake, cache } = setup();
    const t = await cache.get('merchant');
    cache.invalidate('merchant', 'some-other-token');
    expect(await cache.get('merchant')).toBe(t);
    cache.invalidate('merchant', t);
    expect(await cache.get('merchant')).toBe('access-2');
    expect(fake.calls.map((c) => c.grant)).toEqual(['client_credentials', 'client_credentials']);
  });
});
