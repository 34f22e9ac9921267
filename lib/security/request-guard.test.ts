import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { badPageBody, isPageRoute, SANDBOX_PAGES, tooLarge, undecodableUrl } from './request-guard';

const post = (body: BodyInit, type: string, extra: Record<string, string> = {}) =>
  new Request('http://127.0.0.1/checkout/premium-monthly', {
    method: 'POST',
    body,
    headers: { 'content-type': type, ...extra },
  });

describe('request guard', () => {
  it('refuses undecodable percent-encoding in a path segment or the query', () => {
    expect(undecodableUrl('http://h/products/%')).toBe('path: invalid percent-encoding');
    expect(undecodableUrl('http://h/orders/%E0%A4%A')).toBe('path: invalid percent-encoding');
    expect(undecodableUrl('http://h/orders/ORD-1%00')).toBe('path: must not contain a NUL byte');
    expect(undecodableUrl('http://h/sign-in?returnTo=%zz')).toBe('query: invalid percent-encoding');
    expect(undecodableUrl('http://h/products/premium%20monthly?returnTo=%2Forders&x=a+b')).toBeNull();
    expect(undecodableUrl('http://h/')).toBeNull();
  });

  it('tells pages from route handlers', () => {
    for (const page of ['/', '/checkout/x', '/sandbox/ultra/consent', '/sandbox/flexiti/widget/a/b', '/ops/sandbox'])
      expect(isPageRoute(page)).toBe(true);
    for (const handler of [
      '/api/health',
      '/api/webhooks/opentv',
      '/sandbox/flexiti/flexiti/pos-api/v2.5/oauth/token',
      '/demo/start',
    ])
      expect(isPageRoute(handler)).toBe(false);
  });

  it('knows every sandbox page: the list is the page.tsx files under app/sandbox', () => {
    const pages = readdirSync('app/sandbox', { recursive: true, encoding: 'utf8' })
      .filter((f) => f === 'page.tsx' || f.endsWith('/page.tsx'))
      .map((f) => f.replace(/\/?page\.tsx$/, ''))
      .sort();
    expect([...SANDBOX_PAGES].sort()).toEqual(pages);
    expect(isPageRoute('/sandbox/flexiti/cardholder-agreement')).toBe(true);
    expect(isPageRoute('/sandbox/opentv/activate/tok-123')).toBe(true);
  });

  it('lets well-formed server-action posts through', async () => {
    const form = new FormData();
    form.set('email', 'a@b.example');
    expect(await badPageBody(new Request('http://h/account', { method: 'POST', body: form }))).toBeNull();
    expect(await badPageBody(post('a=1&b=2', 'application/x-www-form-urlencoded'))).toBeNull();
    expect(await badPageBody(post('["x"]', 'text/plain;charset=UTF-8', { 'next-action': 'abc' }))).toBeNull();
  });

  it('refuses a malformed form, a foreign content type and an oversized form', async () => {
    expect(await badPageBody(post('--xyz\r\ngarbage', 'multipart/form-data; boundary=xyz'))).toBe(
      'body: not a well-formed form',
    );
    expect(await badPageBody(post('{"a":1}', 'application/json'))).toMatch(/^content-type: /);
    expect(await badPageBody(post('x', 'text/plain'))).toMatch(/^content-type: /);
    expect(
      await badPageBody(post('a=1', 'application/x-www-form-urlencoded', { 'content-length': String(2 ** 21) })),
    ).toBe('body: too large for a form');
  });

  it('refuses a declared body over 1 MiB with 413, whatever the route', async () => {
    const declared = (n: number) =>
      new Request('http://127.0.0.1/api/webhooks/opentv', { method: 'POST', headers: { 'content-length': String(n) } });
    const res = tooLarge(declared(1024 * 1024 + 1));
    expect(res?.status).toBe(413);
    expect(await res?.json()).toEqual({ error: 'payload_too_large', message: 'body: larger than 1 MiB' });
    expect(tooLarge(declared(1024 * 1024))).toBeNull();
    expect(tooLarge(new Request('http://127.0.0.1/'))).toBeNull();
  });
});
