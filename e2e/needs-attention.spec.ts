import { expect, test, type Page } from '@playwright/test';
import { buyWithFlexitiAccount } from './support/checkout';
import { signInAsStaff } from './support/staff';

/**
 * A step that failed for good reaches a person: Flipkart OMS refuses the order's ORDER_CONFIRMED
 * (a permanent 400), the outbox job is dead, and the worker raises the order as "needs
 * attention". Staff see it counted in the nav and on /api/health, read the evidence, retry it
 * once OMS accepts again, and the order leaves the list; the retry is in the audit log.
 */

async function queueFault(page: Page, fault: Record<string, unknown>) {
  const res = await page.request.post('/sandbox/faults', { data: fault });
  expect(res.status()).toBe(201);
}

test('a dead OMS report is listed with its evidence, counted, and resolved by an audited retry', async ({ page }) => {
  await signInAsStaff(page);
  await queueFault(page, {
    partner: 'oms',
    match: '/3/oms$',
    method: 'POST',
    mode: 'refuse',
    status: 400,
    body: { status: 24, message: 'Illegal state transition' },
  });
  const orderId = await buyWithFlexitiAccount(page, 'kids-family');
  await expect(page.getByTestId('order-state')).toHaveAttribute('data-state', /CONFIRMED|ACTIVE/);

  // The worker's tick raises it within seconds: the list shows it (the page is read again until then).
  const item = page.locator(`[data-testid="attention-order"][data-order-id="${orderId}"]`);
  await expect(async () => {
    await page.goto('/ops/attention');
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(item.getByTestId('attention-reason')).toContainText('A partner step failed for good');
  await expect(
    page.getByRole('navigation', { name: 'Ops console' }).getByRole('link', { name: /Needs attention \(\d+\)/ }),
  ).toHaveAttribute('data-alert', 'true');
  const health = await (await page.request.get('/api/health')).json();
  expect(health.needsAttention).toBeGreaterThanOrEqual(1);

  await item.getByText(/^Evidence:/).click();
  await expect(item.getByTestId('attention-calls')).toContainText('reportOrderState ORDER_CONFIRMED → 400');
  await expect(item.getByTestId('attention-events')).toContainText('attention.raised');
  await expect(item).toContainText('oms.report · dead');

  await item.getByRole('button', { name: `Retry order ${orderId}` }).click();
  await expect(page.getByTestId('ops-notice')).toContainText(`Retried ${orderId}`);
  await expect(item).toHaveCount(0);

  await page.goto('/ops/audit');
  await expect(page.getByText('attention.retry').first()).toBeVisible();
  await page.goto(`/ops/orders/${orderId}`);
  await expect(page.getByText(/→ [A-Z_]+: attention\.resolved/)).toBeVisible();
});
