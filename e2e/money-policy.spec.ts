import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { buyWithFlexitiAccount } from './support/checkout';
import { resetSandboxFirst, signInAsStaff } from './support/staff';

/**
 * The money policy as the customer lives it (docs/refund-policy.md): a plan already held is not
 * sold twice, and a paid plan OpenTV refuses is cancelled and refunded in full by itself, with
 * Flipkart told ORDER_CANCELLED for the whole amount.
 */

test.beforeAll(resetSandboxFirst);

test('buying a plan already held is refused with the message and a link to that order; the policy is shown first', async ({
  page,
}) => {
  const held = await buyWithFlexitiAccount(page, 'live-sports');

  await page.goto('/checkout/live-sports');
  // The refund policy is on the checkout, before anything is confirmed.
  await expect(page.getByTestId('refund-policy')).toContainText(
    'Refunds: the whole amount until you activate your plan; after that, the unused days of your term if you cancel within 7 days of paying',
  );
  await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
  await page.getByRole('radio', { name: 'Account number' }).check();
  await page.getByLabel('Flexiti account number').fill('20009100');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  const notice = page.getByTestId('checkout-notice');
  await expect(notice).toContainText(`You already have this plan (order ${held})`);
  await expect(notice).toContainText('Nothing was charged.');
  await expect(page.locator('iframe[title="Flexiti"]')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await notice.getByRole('link', { name: 'See the order for this plan' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${held}$`));
  await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', /CONFIRMED|ACTIVE/);

  // The cancel dialog says how this order would be refunded now.
  await page.getByTestId('fulfilment-panel').getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this order?' });
  await expect(dialog.getByTestId('cancel-policy')).toHaveText('Full refund: your plan is not activated yet.');
  await dialog.getByRole('button', { name: 'Keep my plan' }).click();
});

test('a permanent OpenTV refusal ends refunded: the order cancelled, the whole amount back, ORDER_CANCELLED reverse = forward', async ({
  page,
}) => {
  await signInAsStaff(page);
  const res = await page.request.post('/sandbox/faults', {
    data: {
      partner: 'opentv',
      match: 'rmg/v1/entitlements$',
      method: 'POST',
      mode: 'refuse',
      status: 400,
      body: { code: 'crm-gateway:400', message: 'productId: product does not exist' },
    },
  });
  expect(res.status()).toBe(201);

  const orderId = await buyWithFlexitiAccount(page, 'kids-family');
  // No click, no reload: the page follows the provisioning and the refund by itself.
  await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'CANCELLED', { timeout: 30_000 });
  const panel = page.getByTestId('fulfilment-panel');
  await expect(panel.getByTestId('undeliverable')).toContainText('We could not set up this plan: OpenTV refused it');
  await expect(panel.getByTestId('refund')).toHaveAttribute('data-status', 'done');
  const paid = (await panel.getByTestId('undeliverable').textContent())!.match(/\$\d+\.\d\d/)![0];
  await expect(panel.getByTestId('refund')).toContainText(`${paid} refunded to the Flexiti account you paid with`);
  await expect(page.getByTestId('order-history')).toContainText('OpenTV could not set up your plan');
  await expectNoSeriousA11yViolations(page);

  // Flipkart's My Orders: cancelled, with the whole amount returned.
  await page.goto('/sandbox/ultra/oms/my-orders?persona=priya');
  const mine = page.getByTestId('oms-order').filter({ hasText: orderId });
  await expect(mine).toContainText('Cancelled');
  await expect(mine.getByTestId('forward')).toHaveText(paid);
  await expect(mine.getByTestId('reverse')).toHaveText(paid);

  // Ops: the rows and the call log of the order (OpenTV's 400, Flexiti's return, both OMS reports).
  await page.goto(`/ops/orders/${orderId}`);
  for (const call of [
    /^POST \/crm-gateway\/v2\/rmg\/v1\/entitlements 400 · \d+ ms$/,
    /^POST …?[^ ]*\/return 200 · \d+ ms$/,
    /^POST \/3\/oms · ORDER_CONFIRMED 200 · \d+ ms$/,
    /^POST \/3\/oms · ORDER_CANCELLED 200 · \d+ ms$/,
  ]) {
    await expect(page.getByRole('link', { name: call }).first()).toBeVisible();
  }
  await expect(page.getByText(/→ CANCELLED: fulfilment\.undeliverable/).first()).toBeVisible();
  await expect(page.getByText(/→ CANCELLED: flexiti\.refund_returned/).first()).toBeVisible();
});
