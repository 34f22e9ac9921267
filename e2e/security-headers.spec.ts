import { expect, test, type Page } from '@playwright/test';
import { openWidgetWithFlexitiAccount } from './support/checkout';
import { continueWithFlipkart } from './support/sign-in';

/**
 * The security headers from proxy.ts on real pages, and the pages still working under the CSP:
 * sign-in through the sandbox consent sheet (a frame), the Flexiti widget (a frame), the demo
 * tour (the store framed by our own origin), with no CSP violation reported by the browser.
 */

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|frame|apply|evaluate)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';

test('pages carry a nonce CSP, nosniff, a referrer and a permissions policy', async ({ request }) => {
  // The signed-out catalog and product pages have the hash policy instead (script-policy.spec.ts).
  for (const path of ['/checkout/premium-monthly', '/sign-in', '/sandbox/ultra/consent', '/api/health']) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    const csp = h['content-security-policy'] ?? '';
    expect(directive(csp, 'script-src'), path).toMatch(/'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'self'`);
    expect(directive(csp, 'frame-src')).toContain(`'self'`);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['permissions-policy']).toContain('camera=()');
    // e2e serves plain http on loopback: no HSTS there.
    expect(h['strict-transport-security']).toBeUndefined();
  }
  const a = (await request.get('/checkout/premium-monthly')).headers()['content-security-policy'];
  const b = (await request.get('/checkout/premium-monthly')).headers()['content-security-policy'];
  expect(a).not.toBe(b);
});

test('the page scripts carry the nonce of their own response', async ({ request }) => {
  const res = await request.get('/checkout/premium-monthly');
  const nonce = /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')![1]!;
  const html = await res.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test('sign-in sheet and Flexiti widget work under the CSP, with no violation', async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto('/checkout/premium-monthly');
  await continueWithFlipkart(page, 'priya');
  await openWidgetWithFlexitiAccount(page);
  await expect(page.frameLocator('iframe[title="Flexiti"]').getByRole('heading', { name: 'Flexiti' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('bad input answers 400, not 500', async ({ request }) => {
  expect((await request.get('/products/%E0%A4%A')).status()).toBe(400);
  expect((await request.get('/orders/%')).status()).toBe(400);
  const multipart = await request.post('/', {
    headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    data: Buffer.from('--xyz\r\nbroken'),
  });
  expect(multipart.status()).toBe(400);
  expect((await request.fetch('/', { method: 'TRACE' }).catch(() => null))?.status() ?? 405).toBe(405);
});
