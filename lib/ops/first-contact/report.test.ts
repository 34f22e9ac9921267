import { describe, expect, it } from 'vitest';
import { clockFinding, formatFinding, isTlsFailure, summarize, tlsFinding } from './report';

describe('partners:check findings', () => {
  const now = Date.parse('2026-12-05T12:00:00.000Z');
  const date = (ms: number) => new Date(ms).toUTCString();

  it('clock: our clock ahead of the partner FAILs (iat in their future); a second of header rounding is fine', () => {
    expect(clockFinding('ultra', date(now), now + 400, 20).level).toBe('ok');
    const ahead = clockFinding('ultra', date(now - 5_000), now, 20);
    expect(ahead.level).toBe('FAIL');
    expect(formatFinding(ahead)).toMatch(
      /^FAIL\s+ultra\s+clock\s+our clock is 4\.5 s ahead of theirs: a secureToken iat would be in the future/,
    );
  });

  it('clock: a little behind warns, far behind (tokens look expired) FAILs, no Date header warns', () => {
    expect(clockFinding('flexiti', date(now + 10_000), now, 20).level).toBe('warn');
    expect(clockFinding('ultra', date(now + 200_000), now, 20, { tokenLifetimeS: 300 }).level).toBe('FAIL');
    expect(clockFinding('opentv', null, now, 20)).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('no Date header'),
    });
  });

  it('TLS: a refused certificate FAILs; https ok; http ok only on loopback', () => {
    expect(
      tlsFinding('ultra', 'https://platform.flipkart.net', 'network: Error: self-signed certificate'),
    ).toMatchObject({
      level: 'FAIL',
      detail: 'certificate refused for platform.flipkart.net: network: Error: self-signed certificate',
    });
    expect(isTlsFailure("Hostname/IP does not match certificate's altnames")).toBe(true);
    expect(isTlsFailure('certificate has expired')).toBe(true);
    expect(isTlsFailure('connect ECONNREFUSED 127.0.0.1:443')).toBe(false);
    expect(tlsFinding('ultra', 'https://platform.flipkart.net', 'network: connect ECONNREFUSED')).toBeNull();
    expect(tlsFinding('ultra', 'https://platform.flipkart.net', null)?.level).toBe('ok');
    expect(tlsFinding('oms', 'http://127.0.0.2:3001/sandbox', null)?.level).toBe('ok');
    expect(tlsFinding('oms', 'http://ultra.flipkart.net/ultra', null)?.level).toBe('warn');
  });

  it('summary: fails on any FAIL, never on warnings alone', () => {
    const f = (level: 'ok' | 'warn' | 'FAIL') => ({ level, partner: 'ultra' as const, what: 'x', detail: '' });
    expect(summarize([f('ok'), f('warn')])).toEqual({
      line: 'partners:check: 1 ok, 1 warn, 0 FAIL: first contact looks right',
      failed: false,
    });
    expect(summarize([f('ok'), f('FAIL')]).failed).toBe(true);
  });
});
