import { expect, test, type Page } from '@playwright/test';
import { buyWithFlexitiAccount } from '../support/checkout';
import { WIDGET } from '../support/flexiti-widget';
import { playFlipkartApp } from '../support/flipkart-app';

/**
 * The production path (README "Production path"): the store runs with SANDBOX=off and reaches
 * every partner on another origin, the sandbox-only instance, as it reaches the real ones. The
 * journey is the one e2e runs with the sandbox inside the app (the same helpers): sign in, pay,
 * activate, cancel and refund.
 */
const sandboxUrl = process.env.SPLIT_SANDBOX_URL!;
const panel = (page: Page) => page.getByTestId('fulfilment-panel');

test.beforeEach(async ({ context }) => playFlipkartApp(context, sandboxUrl));

test('the store has no sandbox of its own', async ({ request }) => {
  expect(await (await request.get('/api/health')).json()).toMatchObject({ status: 'ok', sandbox: false });
  expect((await request.get('/sandbox/clock')).status()).toBe(404);
  expect((await request.get('/sandbox/ultra/consent')).status()).toBe(404);
});

test('sign in, pay with Flexiti, activate at OpenTV, cancel and refund: each partner on its own origin', async ({
  page,
}) => {
  const orderId = await buyWithFlexitiAccount(page, 'super-monthly');
  await expect(page.getByTestId('order-placed')).toContainText('Flexiti approved your payment of $9.99');
  // Nothing of the sandbox in the store's own pages.
  await expect(page.getByRole('link', { name: 'move the sandbox clock' })).toHaveCount(0);
  await expect(page.locator(WIDGET)).toHaveCount(0);

  // OpenTV's activation page is the partner's (the sandbox's origin); its webhook comes back to the store.
  const activate = panel(page).getByRole('link', { name: 'Activate your plan' });
  expect(new URL((await activate.getAttribute('href'))!, page.url()).origin).toBe(sandboxUrl);
  await activate.click();
  await expect(page).toHaveURL(new RegExp(`^${sandboxUrl}/sandbox/opentv/activate/`));
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByTestId('entitlement-status')).toHaveAttribute('data-status', 'ACTIVE');
  await page.goto(`/orders/${orderId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('start-watching')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await panel(page).getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this order?' });
  // The plan is activated, so the refund is its unused days (docs/refund-policy.md#refunds: a
  // started day counts as used, rounded down to the cent): 29 of 30 days of $9.99 is $9.65 on the
  // day it was bought.
  const used = Number(/you have used (\d+) of its 30 days/.exec((await dialog.textContent()) ?? '')?.[1]);
  expect(used).toBeGreaterThanOrEqual(1);
  const refund = `$${(Math.floor((999 * (30 - used)) / 30) / 100).toFixed(2)}`;
  await dialog.getByRole('button', { name: `Yes, cancel and refund ${refund}` }).click();
  await expect(panel(page).getByRole('status')).toContainText('Your order is cancelled');
  // The refund goes out once OpenTV, on its own origin, confirmed the access ended: read the page until then.
  await expect(async () => {
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByTestId('order-state')).toHaveText('Cancelled and refunded', { timeout: 1_000 });
    await expect(panel(page).getByTestId('refund')).toHaveText(
      `${refund} refunded to the Flexiti account you paid with.`,
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 30_000 });

  // Flipkart (the OMS sandbox's customer view) was told, over the network, both states.
  await expect(async () => {
    await page.goto(`${sandboxUrl}/sandbox/ultra/oms/my-orders?persona=priya`);
    await expect(page.getByTestId('oms-order').filter({ hasText: orderId }).first()).toContainText('Cancelled', {
      timeout: 1_000,
    });
  }).toPass({ timeout: 60_000 });
});
