import { createHash } from 'node:crypto';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { openWidgetWithFlexitiAccount } from './support/checkout';
import { continueWithFlipkart } from './support/sign-in';
import { resetSandboxFirst } from './support/staff';

/**
 * The two script policies (docs/architecture.md#script-policy): the signed-out catalog and
 * product pages are one shared copy per language with the hashes of their inline scripts; a
 * signed-in page is rendered per request with a nonce. Both work in Chromium with no violation.
 */

// Priya holds no plan yet, so her checkout offers Flexiti (docs/refund-policy.md#one-live-plan).
test.beforeAll(resetSandboxFirst);

const PAGES = ['/', '/products/premium-monthly'];
const LANGUAGES = [
  { locale: 'en', headers: { 'accept-language': 'en-CA,en;q=0.9' }, button: 'Continue with Flipkart' },
  // The remembered choice wins over the browser's language.
  {
    locale: 'fr',
    headers: { 'accept-language': 'en-CA', cookie: 'NEXT_LOCALE=fr' },
    button: 'Continuer avec Flipkart',
  },
] as const;
const HASH_SCRIPTS = /^script-src 'self'( 'sha256-[A-Za-z0-9+/]{43}=')+$/;
const NONCE_SCRIPTS = /^script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/;

const directives = (csp: string) => csp.split('; ');
const scriptSrc = (csp: string) => directives(csp).find((d) => d.startsWith('script-src ')) ?? '';
const cspOf = (res: APIResponse) => res.headers()['content-security-policy'] ?? '';

/** Every `securitypolicyviolation` in the page and its frames, across reloads, reported to the test. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeBinding('__cspViolation', (source, text: string) => seen.push(`${source.frame.url()}: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
      report(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  return seen;
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attrs]) => !/\ssrc=/.test(attrs!))
    .map(([, , body]) => body!);
}
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

for (const { locale, headers, button } of LANGUAGES) {
  test(`signed out in ${locale}: the catalog and a product are the shared copy with the hash policy`, async ({
    request,
  }) => {
    const nonced = cspOf(await request.get('/checkout/premium-monthly', { headers }));
    expect(scriptSrc(nonced)).toMatch(NONCE_SCRIPTS);
    for (const path of PAGES) {
      const res = await request.get(path, { headers });
      expect(res.status(), path).toBe(200);
      expect(res.headers()['x-storefront-page'], path).toBe('static');
      const csp = cspOf(res);
      expect(scriptSrc(csp), path).toMatch(HASH_SCRIPTS);
      expect(csp).not.toContain('nonce-');
      expect(scriptSrc(csp)).not.toMatch(/unsafe-inline|unsafe-eval/);
      // Every other directive is the nonce pages' own.
      expect(directives(csp).filter((d) => !d.startsWith('script-src '))).toEqual(
        directives(nonced).filter((d) => !d.startsWith('script-src ')),
      );
      const html = await res.text();
      expect(html).toContain(`<html lang="${locale}"`);
      expect(html).not.toContain('nonce=');
      // Signed out and nobody's: the header offers sign-in, no greeting, no account links.
      expect(html).toContain(button);
      expect(html).not.toContain('account-name');
      expect(html).not.toMatch(/Priya|Arjun|Sign out|Se déconnecter/);
      // The policy allows exactly the page's inline scripts.
      const allowed = scriptSrc(csp).split(' ').slice(2).sort();
      expect([...new Set(inlineScripts(html).map(sha256))].sort()).toEqual(allowed);
      // Script files are named with their sha256 (Subresource Integrity).
      const files = [...html.matchAll(/<script\b[^>]*\ssrc="[^"]*"[^>]*>/g)].map((m) => m[0]);
      expect(files.length).toBeGreaterThan(0);
      for (const tag of files) expect(tag).toMatch(/integrity="sha256-[A-Za-z0-9+/]{43}="/);
      // The next visitor gets a shared copy too, its policy naming exactly its own scripts. (It
      // may be a newer render than ours: a copy past its 30 s is served once more while it is
      // renewed, so equality with the first answer would depend on timing.)
      const next = await request.get(path, { headers });
      expect(next.headers()['x-storefront-page'], path).toBe('static');
      const nextAllowed = scriptSrc(cspOf(next)).split(' ').slice(2).sort();
      expect([...new Set(inlineScripts(await next.text()).map(sha256))].sort()).toEqual(nextAllowed);
      // A client navigation or prefetch of the page asks for its RSC payload: rendered, never the
      // copy's HTML (Next hides these headers and `_rsc` from a proxy unless skipProxyUrlNormalize).
      const rsc = await request.get(`${path}?_rsc=x`, {
        headers: { ...headers, rsc: '1', 'next-router-prefetch': '1' },
      });
      expect(rsc.headers()['x-storefront-page'], path).toBeUndefined();
      expect(rsc.headers()['content-type'], path).toContain('text/x-component');
    }
  });
}

test('signed out, no violation on the shared copies; sign-in through the consent sheet works from the catalog', async ({
  page,
}) => {
  const violations = await watchViolations(page);
  await page.goto('/products/premium-monthly');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const first = await page.goto('/');
  expect(first?.headers()['x-storefront-page']).toBe('static');
  expect(scriptSrc(first?.headers()['content-security-policy'] ?? '')).toMatch(HASH_SCRIPTS);
  // Hydrated: the header's sign-in is enabled only then.
  const signIn = page.getByRole('banner').getByRole('button', { name: 'Continue with Flipkart', exact: true });
  await expect(signIn).toBeEnabled();
  const reloaded = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/' && r.request().resourceType() === 'document',
  );
  await signIn.click();
  const sheet = page.frameLocator('[data-testid="flipkart-consent-frame"]');
  await sheet.getByLabel('Signed-in Flipkart customer').selectOption('priya');
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('banner').getByTestId('account-name')).toHaveText('Hi, Priya');
  // Back on the catalog signed in: rendered for her, with a nonce.
  const signedIn = await reloaded;
  expect(signedIn.headers()['x-storefront-page']).toBeUndefined();
  expect(scriptSrc(signedIn.headers()['content-security-policy'] ?? '')).toMatch(NONCE_SCRIPTS);
  // A client navigation from there works too.
  await page.getByRole('main').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/products\//);
  expect(violations).toEqual([]);
});

test('a French visitor reads the shared French copy and switches to English without a violation', async ({
  page,
  context,
}) => {
  const violations = await watchViolations(page);
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'fr', url: test.info().project.use.baseURL! }]);
  await page.goto('/products/premium-monthly');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Continuer avec Flipkart' })).toBeEnabled();
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Continue with Flipkart' })).toBeEnabled();
  expect(violations).toEqual([]);
});

test('signed in: the nonce policy, no violation, and the Flexiti widget loads in checkout', async ({
  page,
  request,
}) => {
  const violations = await watchViolations(page);
  await page.goto('/checkout/premium-monthly');
  await continueWithFlipkart(page, 'priya');
  const catalog = await page.goto('/');
  expect(scriptSrc(catalog?.headers()['content-security-policy'] ?? '')).toMatch(NONCE_SCRIPTS);
  await expect(page.getByRole('banner').getByTestId('account-name')).toBeVisible();
  // Her name is on her page, never on the copy anyone else gets.
  expect(await (await request.get('/')).text()).not.toContain('Priya');
  await page.goto('/checkout/premium-monthly');
  await openWidgetWithFlexitiAccount(page);
  await expect(page.frameLocator('iframe[title="Flexiti"]').getByRole('heading', { name: 'Flexiti' })).toBeVisible();
  expect(violations).toEqual([]);
});
