import { expect, test, type Page } from '@playwright/test';
import { buyWithFlexitiAccount } from './support/checkout';
import { signInAsStaff, resetSandboxFirst } from './support/staff';

/**
 * An unknown payment outcome as the customer lives it: Flexiti applies the authorization but its
 * answer is lost. The order page says the payment is being confirmed (no way to pay again), then
 * shows the paid order by itself once the reconciliation finds the payment at Flexiti.
 */

async function queueFault(page: Page, fault: Record<string, unknown>) {
  const res = await page.request.post('/sandbox/faults', { data: fault });
  expect(res.status()).toBe(201);
}

// Personas that hold no plan yet: one live plan per product (docs/refund-policy.md#one-live-plan).
test.beforeAll(resetSandboxFirst);
test('authorization answer lost: "confirming with Flexiti", then the paid order without any action', async ({
  page,
}) => {
  await signInAsStaff(page);
  await queueFault(page, { partner: 'flexiti', match: '/authorization$', method: 'POST', mode: 'lost', status: 503 });
  // The first two look-ups cannot reach Flexiti either (3 tries each), so the wait is visible.
  await queueFault(page, { partner: 'flexiti', match: '/authorizations$', mode: 'refuse', status: 503, times: 6 });

  const orderId = await buyWithFlexitiAccount(page, 'regional-cinema');
  await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'PAYMENT_VERIFYING');
  await expect(page.getByTestId('verifying-note')).toContainText('We are confirming your payment with Flexiti');
  await expect(page.getByTestId('verifying-note')).toContainText('You will not be charged twice');
  await expect(page.getByRole('link', { name: 'Continue to checkout' })).toHaveCount(0);

  // No click, no reload: the page follows the reconciliation by itself.
  await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', 'CONFIRMED', { timeout: 45_000 });
  await expect(page.getByTestId('paid-note')).toBeVisible();
  await expect(page.getByTestId('verifying-note')).toHaveCount(0);
  expect(page.url()).toContain(orderId);
  await expect(page.getByTestId('order-history')).toContainText('Flexiti confirmed the payment');
});

test('an /authorization answer nobody can read: never "failed", and the ops call log says why', async ({ page }) => {
  await signInAsStaff(page);
  // Flexiti takes the payment; its answer is an HTML page (docs/partners/flexiti.md#undocumented-bodies).
  await queueFault(page, {
    partner: 'flexiti',
    match: '/authorization$',
    method: 'POST',
    mode: 'lost',
    status: 200,
    body: '<p>OK</p>',
  });
  const orderId = await buyWithFlexitiAccount(page, 'premium-annual');
  await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', /^(PAYMENT_VERIFYING|CONFIRMED)$/);

  await page.goto(`/ops/orders/${orderId}`);
  await expect(page.getByTestId('call-note').first()).toHaveText('note: unreadable_answer');
  await expect(
    page.getByText(/unreadable_answer: .*outcome unknown, reconciled by our reference/).first(),
  ).toBeAttached();
});
