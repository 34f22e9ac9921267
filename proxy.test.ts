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
vi.mock('@/lib/config', () => ({ getConfig: () => config.current }));

const { proxy } = await import('./proxy');
const directive = (csp: string | null, name: string) => csp?.split('; ').find((d) => d.startsWith(`${name} `));

afterEach(() => {
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
});
