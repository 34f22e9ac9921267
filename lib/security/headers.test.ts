import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders, securityHeadersFor } from './headers';

const base = {
  scripts: { nonce: 'abc123==' },
  sandbox: false,
  widgetOrigin: 'https://widget.flexiti.example',
  https: true,
  dev: false,
};
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

describe('security headers', () => {
  it('lets scripts run only with the request nonce, never inline or eval in production', () => {
    const script = directive(contentSecurityPolicy(base), 'script-src')!;
    expect(script).toContain(`'nonce-abc123=='`);
    expect(script).not.toContain('unsafe-inline');
    expect(script).not.toContain('unsafe-eval');
    expect(directive(contentSecurityPolicy({ ...base, dev: true }), 'script-src')).toContain(`'unsafe-eval'`);
  });

  it('frames only the Flexiti widget origin, plus our own pages in sandbox mode', () => {
    expect(directive(contentSecurityPolicy(base), 'frame-src')).toBe('frame-src https://widget.flexiti.example');
    expect(directive(contentSecurityPolicy({ ...base, sandbox: true }), 'frame-src')).toBe(
      `frame-src 'self' https://widget.flexiti.example`,
    );
    expect(directive(contentSecurityPolicy(base), 'frame-ancestors')).toBe(`frame-ancestors 'self'`);
  });

  it('the sandbox on its own origin may be framed by the one store it serves, and no other', () => {
    const split = { ...base, sandbox: true, framedBy: 'http://127.0.0.1:3100' };
    expect(directive(contentSecurityPolicy(split), 'frame-ancestors')).toBe(
      `frame-ancestors 'self' http://127.0.0.1:3100`,
    );
    // X-Frame-Options cannot name another origin: left out, frame-ancestors decides.
    expect(securityHeaders(split)['x-frame-options']).toBeUndefined();
    expect(securityHeaders(base)['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('sends nosniff, a referrer policy, a permissions policy, and HSTS only over https', () => {
    const h = securityHeaders(base);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    expect(h['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    expect(securityHeaders({ ...base, https: false })['strict-transport-security']).toBeUndefined();
  });

  it('the whole production policy: nothing else may load, post, base or embed', () => {
    expect(contentSecurityPolicy(base).split('; ')).toEqual([
      `default-src 'self'`,
      `script-src 'self' 'nonce-abc123==' 'strict-dynamic'`,
      `style-src 'self' 'unsafe-inline'`,
      `img-src 'self' data: blob:`,
      `font-src 'self' data:`,
      `connect-src 'self'`,
      `frame-src https://widget.flexiti.example`,
      `frame-ancestors 'self'`,
      `form-action 'self'`,
      `base-uri 'none'`,
      `object-src 'none'`,
    ]);
  });

  it('the whole policy of a page served to everyone: its inline scripts by hash, files from our origin', () => {
    const hashes = ['sha256-AAAA', 'sha256-BBBB'];
    expect(contentSecurityPolicy({ ...base, scripts: { hashes } }).split('; ')).toEqual([
      `default-src 'self'`,
      `script-src 'self' 'sha256-AAAA' 'sha256-BBBB'`,
      `style-src 'self' 'unsafe-inline'`,
      `img-src 'self' data: blob:`,
      `font-src 'self' data:`,
      `connect-src 'self'`,
      `frame-src https://widget.flexiti.example`,
      `frame-ancestors 'self'`,
      `form-action 'self'`,
      `base-uri 'none'`,
      `object-src 'none'`,
    ]);
    expect(
      contentSecurityPolicy({ ...base, sandbox: true, framedBy: 'http://127.0.0.1:3100', scripts: { hashes } }),
    ).toBe(
      [
        `default-src 'self'`,
        `script-src 'self' 'sha256-AAAA' 'sha256-BBBB'`,
        `style-src 'self' 'unsafe-inline'`,
        `img-src 'self' data: blob:`,
        `font-src 'self' data:`,
        `connect-src 'self'`,
        `frame-src 'self' https://widget.flexiti.example`,
        `frame-ancestors 'self' http://127.0.0.1:3100`,
        `form-action 'self'`,
        `base-uri 'none'`,
        `object-src 'none'`,
      ].join('; '),
    );
  });

  it('builds the fixed part once per configuration; each answer differs only in its script sources', () => {
    const headersFor = securityHeadersFor(base);
    const a = headersFor({ nonce: 'n1' });
    const b = headersFor({ hashes: ['sha256-AAAA'] });
    const { 'content-security-policy': cspA, ...restA } = a;
    const { 'content-security-policy': cspB, ...restB } = b;
    expect(restA).toEqual(restB);
    expect(cspA!.replace(`'nonce-n1' 'strict-dynamic'`, `'sha256-AAAA'`)).toBe(cspB);
    expect(headersFor({ nonce: 'abc123==' })).toEqual(securityHeaders(base));
  });

  it('makes a different nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
