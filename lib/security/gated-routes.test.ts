import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { proxy } from '@/proxy';
import { closedAuthPath, sandboxOnlyPath } from './gated-routes';

const appDir = join(__dirname, '..', '..', 'app');

/** Every page and route handler in app/, as a URL path (route groups dropped, dynamic segments filled). */
function appRoutes(dir = appDir): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) routes.push(...appRoutes(path));
    else if (/^(page|route)\.tsx?$/.test(entry.name)) {
      const segments = relative(appDir, dir)
        .split(sep)
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .map((s) => (s.startsWith('[') ? 'x' : s));
      routes.push(`/${segments.join('/')}`);
    }
  }
  return routes;
}

const routes = appRoutes();
/** A route belongs to the sandbox when any of its folders is `sandbox` or `demo`. */
const sandboxRoutes = routes.filter((r) => r.split('/').some((s) => s === 'sandbox' || s === 'demo'));

const pemEdge = (edge: 'BEGIN' | 'END') => `-----${edge} PRIVATE KEY-----`;
const realEnv: Record<string, string> = {
  SANDBOX: 'off',
  APP_URL: 'https://shop.example',
  AUTH_SECRET: 'a'.repeat(43),
  ULTRA_PLATFORM_URL: 'https://platform.example',
  ULTRA_OMS_URL: 'https://oms.example',
  ULTRA_CLIENT_SECRET: 'ultra-secret',
  // A placeholder, built so no scanner takes it for a committed key (the schema only checks the PEM edges).
  ULTRA_PRIVATE_KEY: `${pemEdge('BEGIN')}\nMIIfake\n${pemEdge('END')}`,
  FLEXITI_BASE_URL: 'https://posapi.example',
  FLEXITI_CLIENT_ID: 'fx',
  FLEXITI_CLIENT_SECRET: 'fx',
  OPENTV_BASE_URL: 'https://operator.example',
  OPENTV_CLIENT_ID: 'crm',
  OPENTV_TENANT_ID: 't',
  OPENTV_USERNAME: 'u',
  OPENTV_PASSWORD: 'p',
  OPENTV_WEBHOOK_SECRET: 'w'.repeat(32),
  TRUSTED_PROXIES: '1',
};

describe('routes the proxy closes', () => {
  it('finds the sandbox, demo and ops sandbox routes in the app directory', () => {
    for (const r of ['/sandbox/x', '/sandbox/clock', '/demo', '/demo/start', '/demo/tour/x', '/ops/sandbox'])
      expect(sandboxRoutes).toContain(r);
  });

  it('treats every route under a sandbox or demo folder as sandbox-only, and no other', () => {
    for (const r of sandboxRoutes) expect(sandboxOnlyPath(r), r).toBe(true);
    for (const r of routes.filter((r) => !sandboxRoutes.includes(r))) expect(sandboxOnlyPath(r), r).toBe(false);
  });

  it('sees through escapes, doubled slashes and case', () => {
    for (const p of ['/%73andbox/clock', '//sandbox', '/Demo', '/ops//sandbox', '/ops/%73andbox'])
      expect(sandboxOnlyPath(p), p).toBe(true);
    for (const p of ['/sandboxes', '/demonstration', '/ops/sandboxing', '/ops/orders'])
      expect(sandboxOnlyPath(p)).toBe(false);
  });

  it("closes Auth.js's own sign-in endpoints, not its session or sign-out", () => {
    for (const p of ['/api/auth/callback/flipkart', '/api/auth/callback/credentials', '/api/auth/signin/flipkart'])
      expect(closedAuthPath(p), p).toBe(true);
    for (const p of ['/api/auth/session', '/api/auth/csrf', '/api/auth/signout', '/api/sign-in/flipkart'])
      expect(closedAuthPath(p), p).toBe(false);
  });

  describe('with the sandbox off, in proxy.ts', () => {
    const saved = { ...process.env };
    beforeAll(() => {
      Object.assign(process.env, realEnv);
      delete process.env.DATABASE_URL;
      resetConfigForTests();
    });
    afterAll(() => {
      process.env = saved;
      resetConfigForTests();
    });

    it('answers 404 for every sandbox route, GET and POST, before the page or handler runs', async () => {
      expect(sandboxRoutes.length).toBeGreaterThanOrEqual(10);
      for (const r of sandboxRoutes)
        for (const method of ['GET', 'POST']) {
          const res = await proxy(new NextRequest(`https://shop.example${r}`, { method }));
          expect(res.status, `${method} ${r}`).toBe(404);
          expect(res.headers.get('x-middleware-next'), r).toBeNull();
        }
    });

    it('passes every other page on', async () => {
      for (const r of routes.filter((r) => !sandboxRoutes.includes(r) && !closedAuthPath(r))) {
        const res = await proxy(new NextRequest(`https://shop.example${r}`));
        expect(res.status, r).toBe(200);
        expect(res.headers.get('x-middleware-next'), r).toBe('1');
      }
    });

    it('answers 404 for a POST to the Auth.js callback (a flood never reaches Flipkart)', async () => {
      const res = await proxy(
        new NextRequest('https://shop.example/api/auth/callback/flipkart', {
          method: 'POST',
          body: 'grantToken=abcdefgh&csrfToken=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://shop.example' },
        }),
      );
      expect(res.status).toBe(404);
    });
  });
});
