import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { docsScreenshot, LAPTOP } from './support/docs';

test('the catalog lists the seeded plans and add-ons', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Plans' })).toBeVisible();
  const plans = page.getByRole('region', { name: 'Plans' }).getByRole('listitem');
  const addons = page.getByRole('region', { name: 'Add-ons' }).getByRole('listitem');
  await expect(plans).toHaveCount(4);
  await expect(addons).toHaveCount(3);
  await expect(plans.filter({ hasText: 'Premium Annual' })).toContainText('$149.99 for 365 days');
  await expectNoSeriousA11yViolations(page);
});

test('a product page opens from the catalog and offers Buy now', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Live Sports/ }).click();
  await expect(page).toHaveURL(/\/products\/live-sports$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Live Sports' })).toBeVisible();
  await expect(page.getByTestId('price')).toHaveText('$6.99 · 30 days');
  await expect(page.getByRole('link', { name: 'Buy now' })).toHaveAttribute('href', '/checkout/live-sports');
  await expectNoSeriousA11yViolations(page);
});

test('the product page says what one purchase is: the term, one payment that does not renew, and Flexiti’s part', async ({
  page,
}) => {
  await page.goto('/products/premium-monthly');
  const what = page.getByRole('region', { name: 'What you get' });
  await expect(what.getByTestId('term')).toHaveText('30 days of Premium');
  await expect(what).toContainText('4K + Dolby Atmos');
  await expect(what).toContainText('One payment of $14.99. It does not renew: nothing more is charged.');
  await expect(what).toContainText('Flexiti pays the store for you');
  await expect(page.locator('main')).not.toContainText(/\/month|financed/);
  await expectNoSeriousA11yViolations(page);
  await docsScreenshot(page, 'product-what-you-get');
  await docsScreenshot(page, 'product-what-you-get-1366', LAPTOP);

  // A yearly plan is a year, one payment too.
  await page.goto('/products/premium-annual');
  await expect(page.getByTestId('term')).toHaveText('365 days of Premium Annual');
  await expect(page.getByTestId('price')).toHaveText('$149.99 · 365 days');
});

test('on a phone (412×915): the wordmark, compact cards (two in view at once, each name once, no dead play button) and a Buy now that stays on screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 412, height: 915 });
  await page.goto('/');
  await expect(page.getByRole('banner').getByText('StreamPlus', { exact: true })).toBeVisible();
  const cards = page.getByTestId('product-card');
  await expect(cards).toHaveCount(7);
  const first = (await cards.nth(0).boundingBox())!;
  const second = (await cards.nth(1).boundingBox())!;
  expect(second.y + second.height - first.y, 'two cards fit on one phone screen').toBeLessThanOrEqual(915);
  for (const card of await cards.all()) {
    const name = (await card.getByRole('heading').textContent())!.trim();
    const text = await card.innerText();
    expect(text.split(name).length - 1, `"${name}" once on its card`).toBe(1);
  }
  await expect(page.getByRole('main').getByRole('button', { name: /play/i })).toHaveCount(0);

  // A small phone: the product text runs below the screen, and Buy now stays on its bottom edge, over it.
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto('/products/premium-monthly');
  const buy = page.getByRole('link', { name: 'Buy now' });
  await expect(buy).toBeInViewport();
  const overlap = await page.getByTestId('price').evaluate((price) => {
    const bar = price.parentElement!;
    return bar.previousElementSibling!.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
  });
  expect(overlap, 'Buy now sits over text still below the fold').toBeGreaterThan(0);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(buy).toBeInViewport();
});

test('an unknown product is a friendly 404', async ({ page }) => {
  const res = await page.goto('/products/no-such-plan');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('health reports the database and sandbox', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    status: 'ok',
    db: 'ok',
    sandbox: true,
    needsAttention: expect.any(Number),
    version: expect.any(String),
  });
});
