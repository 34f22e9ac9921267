import { createHash } from 'node:crypto';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * proxy.ts puts the policy of lib/security/headers.ts on every answer: with the configuration it
 * is given (real partners here), and with the same nonce on the request (Next reads it there and
 * stamps its own scripts) as on the response (the browser enforces that one).
 */
const config = vi.hoisted(() => ({
  current: {
    sandbox: false,
    appUrl: 'https://shop.example.com',
    sandboxStoreUrl: 'https://shop.example.com',
    flexiti: { widgetOrigin: 'https://widget.flexiti.example' },
  },
}));
vi.mock('@/lib/config', () => ({
  getConfig: () => config.current,
  ownServerOrigin: () => process.env.__NEXT_PRIVATE_ORIGIN,
  buildOutputDir: () => '/nonexistent',
}));

const { proxy } = await import('./proxy');
const { forgetStaticPages, RENDER_HEADER } = await import('./lib/security/static-pages');
const directive = (csp: string | null, name: string) => csp?.split('; ').find((d) => d.startsWith(`${name} `));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  forgetStaticPages();
  config.current = {
    ...config.current,
    sandbox: false,
    appUrl: 'https://shop.example.com',
    sandboxStoreUrl: 'https://shop.example.com',
  };
});

describe('proxy', () => {
  it('with real partners frames only the widget origin, sends HSTS, and gives the page the nonce it enforces', async () => {
    const res = await proxy(new NextRequest('https://shop.example.com/plans'));
    const csp = res.headers.get('content-security-policy');
    expect(directive(csp, 'frame-src')).toBe('frame-src https://widget.flexiti.example');
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    expect(nonce).toBeTruthy();
    // NextResponse.next({ request: { headers } }) carries the page's request headers this way.
    expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    const again = await proxy(new NextRequest('https://shop.example.com/plans'));
    expect(again.headers.get('content-security-policy')).not.toContain(`'nonce-${nonce}'`);
  });

  it('in sandbox mode frames our own pages too; over http no HSTS', async () => {
    config.current = {
      ...config.current,
      sandbox: true,
      appUrl: 'http://localhost:3000',
      sandboxStoreUrl: 'http://localhost:3000',
    };
    const res = await proxy(new NextRequest('http://localhost:3000/plans'));
    const csp = res.headers.get('content-security-policy');
    expect(directive(csp, 'frame-src')).toBe(`frame-src 'self' https://widget.flexiti.example`);
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'self'`);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('a sandbox-only instance on its own origin lets the store it serves frame it, and no one else', async () => {
    config.current = {
      ...config.current,
      sandbox: true,
      appUrl: 'http://127.0.0.2:3101',
      sandboxStoreUrl: 'http://127.0.0.1:3100/',
    };
    const res = await proxy(new NextRequest('http://127.0.0.2:3101/sandbox/flexiti/widget'));
    expect(directive(res.headers.get('content-security-policy'), 'frame-ancestors')).toBe(
      `frame-ancestors 'self' http://127.0.0.1:3100`,
    );
  });

  it('answers a signed-out catalog from its copy with the hash policy; signed in, the nonce policy', async () => {
    vi.stubEnv('__NEXT_PRIVATE_ORIGIN', 'http://127.0.0.1:3999');
    const html =
      '<!DOCTYPE html><html lang="fr"><script>self.__next_f.push([0])</script><script src="/a.js"></script></html>';
    const renders: Request[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      renders.push(new Request(url, init));
      return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', vary: 'rsc' } });
    });
    const res = await proxy(new NextRequest('https://shop.example.com/', { headers: { cookie: 'NEXT_LOCALE=fr' } }));
    expect(await res.text()).toBe(html);
    expect(res.headers.get('x-storefront-page')).toBe('static');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(directive(res.headers.get('content-security-policy'), 'script-src')).toBe(
      `script-src 'self' 'sha256-${createHash('sha256').update('self.__next_f.push([0])').digest('base64')}'`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // One render, of our own origin, signed out, in the chosen language.
    expect(renders.map((r) => [r.url, r.headers.get('accept-language'), r.headers.get('cookie')])).toEqual([
      ['http://127.0.0.1:3999/', 'fr', null],
    ]);
    // That render request itself gets no nonce (none may land in the shared HTML); a forged one does.
    const own = await proxy(
      new NextRequest('https://shop.example.com/', { headers: Object.fromEntries(renders[0]!.headers) }),
    );
    expect(own.headers.get('x-middleware-request-content-security-policy')).toBeNull();
    // Next copies a proxy's answer headers onto the request as well: no nonce there either.
    expect(own.headers.get('content-security-policy')).not.toContain('nonce-');
    const forged = await proxy(new NextRequest('https://shop.example.com/', { headers: { [RENDER_HEADER]: 'guess' } }));
    expect(forged.headers.get('x-storefront-page')).toBeNull();
    expect(forged.headers.get('x-middleware-request-content-security-policy')).toMatch(/'nonce-/);

    const signedIn = await proxy(
      new NextRequest('https://shop.example.com/', { headers: { cookie: 'authjs.session-token=abc; NEXT_LOCALE=fr' } }),
    );
    expect(signedIn.headers.get('x-storefront-page')).toBeNull();
    expect(directive(signedIn.headers.get('content-security-policy'), 'script-src')).toMatch(
      /^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/,
    );
    expect(renders).toHaveLength(1);
  });

  it('passes a signed-out page on when its copy cannot be rendered (an unknown product)', async () => {
    vi.stubEnv('__NEXT_PRIVATE_ORIGIN', 'http://127.0.0.1:3999');
    vi.stubGlobal('fetch', async () => new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } }));
    const res = await proxy(new NextRequest('https://shop.example.com/products/gone'));
    expect(res.headers.get('x-storefront-page')).toBeNull();
    expect(res.headers.get('x-middleware-request-content-security-policy')).toMatch(/'nonce-/);
  });
});
