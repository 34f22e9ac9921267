import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';

test('the catalog lists the seeded plans and add-ons', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Plans' })).toBeVisible();
  const plans = page.getByRole('region', { name: 'Plans' }).getByRole('listitem');
  const addons = page.getByRole('region', { name: 'Add-ons' }).getByRole('listitem');
  await expect(plans).toHaveCount(4);
  await expect(addons).toHaveCount(3);
  await expect(plans.filter({ hasText: 'Premium Annual' })).toContainText('$149.99/year');
  await expectNoSeriousA11yViolations(page);
});

test('a product page opens from the catalog and offers Buy now', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Live Sports/ }).click();
  await expect(page).toHaveURL(/\/products\/live-sports$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Live Sports' })).toBeVisible();
  await expect(page.getByTestId('price')).toHaveText('$6.99/month');
  await expect(page.getByRole('link', { name: 'Buy now' })).toHaveAttribute('href', '/checkout/live-sports');
  await expectNoSeriousA11yViolations(page);
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
  expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok', sandbox: true, version: expect.any(String) });
});
