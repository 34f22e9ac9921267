import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';

/**
 * The sales demo tour (issue 6) on a laptop screen: persona picker, then the four steps with the
 * real store in a frame and the live sequence diagram beside it. Sign-in happens for real inside
 * the frame, and the diagram picks up Flipkart's calls without a reload.
 */
// deviceScaleFactor 1 keeps docs/demo-tour.png small.
test.use({ viewport: { width: 1366, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

// The store frame's pages are checked by their own specs; here the tour's own page is.
const A11Y = { exclude: ['[data-testid="tour-store"]'] };

async function next(page: Page, title: string) {
  await page.getByRole('link', { name: `Next: ${title} →` }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

test('a salesperson runs the tour from the persona picker to the end', async ({ page }) => {
  await page.goto('/demo');
  await expect(page.getByRole('heading', { name: /on Flipkart, end to end/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByTestId('persona-priya').click();

  // Step 1: sign in inside the store frame, through the real SDK and the sandbox consent sheet.
  await expect(page.getByRole('heading', { name: 'Sign in with Flipkart', level: 1 })).toBeVisible();
  await expect(page.getByTestId('tour-step')).toContainText('choose Priya Sharma');
  await expect(page.getByTestId('tour-call-count')).toHaveText('(0 calls since the tour started)');
  await expectNoSeriousA11yViolations(page, A11Y);

  const store = page.frameLocator('[data-testid="tour-store"]');
  await store.getByRole('banner').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  const sheet = store.frameLocator('[data-testid="flipkart-consent-frame"]');
  await sheet.getByLabel('Signed-in Flipkart customer').selectOption('priya');
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await expect(store.getByRole('banner').getByTestId('account-name')).toHaveText('Hi, Priya');

  // The live diagram refreshes by itself and shows the grant exchange with Flipkart.
  await expect(
    page.getByRole('link', { name: /GET \/sandbox\/ultra\/platform\/1\/authorization\/auth to Flipkart answered 200/ }),
  ).toBeVisible();
  await expect(page.getByTestId('tour-call-count')).not.toHaveText('(0 calls since the tour started)');
  if (process.env.DOCS_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/demo-tour.png' });

  // Steps 2–4: each explains itself and shows the matching store page.
  await next(page, 'Pay with Flexiti financing');
  await expect(page.getByTestId('tour-store')).toHaveAttribute('src', /^\/products\//);
  await expectNoSeriousA11yViolations(page, A11Y);
  await next(page, 'Provision the plan on OpenTV');
  await expect(page.getByTestId('tour-store')).toHaveAttribute('src', '/orders');
  await next(page, 'Fulfilment on Flipkart');
  await page.getByRole('button', { name: 'Move the sandbox clock past the return window' }).click();
  await expect(page.getByTestId('clock-moved')).toBeVisible();
  await expect(page.getByTestId('tour-store')).toHaveAttribute('src', '/sandbox/ultra/oms/my-orders');
  await expectNoSeriousA11yViolations(page, A11Y);

  await page.getByTestId('tour-finish').click();
  await expect(page).toHaveURL(/\/demo$/);

  // Put the sandbox back for whoever runs next (the clock moved): the ops console's reset.
  await page.goto('/ops/sign-in');
  const name = (await page.getByTestId('demo-staff-name').textContent())!.trim();
  const password = (await page.getByTestId('demo-staff-password').textContent())!.trim();
  await page.getByLabel('Staff name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('ops-staff-name')).toHaveText(name);
  await page.goto('/ops/sandbox');
  await expect(page.getByTestId('clock-offset')).toContainText(/is [1-9]\d* day\(s\) ahead/);
  await page.getByLabel('Type RESET to confirm').fill('RESET');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('clock-offset')).toContainText('is 0 day(s) ahead');
});

test('an unknown persona or a missing start time is a clear 400/404, not a broken tour', async ({ page }) => {
  const bad = await page.request.get('/demo/start?persona=nobody', { maxRedirects: 0 });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toBe('persona: no persona "nobody"');
  expect((await page.goto('/demo/tour/sign-in?persona=priya'))?.status()).toBe(404);
  expect((await page.goto(`/demo/tour/checkout?persona=priya&since=${Date.now()}`))?.status()).toBe(404);
});
