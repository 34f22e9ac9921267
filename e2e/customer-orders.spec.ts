import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { buyWithFlexitiAccount } from './support/checkout';
import { docsScreenshot } from './support/docs';
import { WIDGET } from './support/flexiti-widget';
import { resetSandboxFirst } from './support/staff';

/**
 * What a customer sees of their orders: "Order placed" after paying, plain steps,
 * times in their own time zone, Cancel that asks first and says what happens, a refund that
 * reads as a refund, and My orders with paid orders first and unfinished attempts put aside.
 */

// The customer's own zone: the page must show it, not UTC.
test.use({ timezoneId: 'America/Toronto' });

const panel = (page: Page) => page.getByTestId('fulfilment-panel');

// Personas that hold no plan yet: one live plan per product (docs/refund-policy.md#one-live-plan).
test.beforeAll(resetSandboxFirst);
test('after paying: Order placed, plain steps Paid → Activate → Watching, no partner internals, local times', async ({
  page,
}) => {
  await buyWithFlexitiAccount(page, 'premium-monthly');
  await expect(page.getByTestId('order-placed')).toContainText('Order placed');
  await expect(page.getByTestId('order-placed')).toContainText('Flexiti approved your payment of $14.99');
  // The confirmation is the moment after paying: the address is the order's own.
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  const orderUrl = page.url();
  // What was bought: 30 days, one payment, no renewal; the 30 days start at activation.
  await expect(page.getByTestId('term')).toHaveText('30 days of Premium');
  await expect(page.getByTestId('access-until')).toHaveText(
    'Your 30 days start when you activate the plan · does not renew',
  );
  await expect(page.locator('main')).not.toContainText('/month');
  const steps = panel(page).getByRole('list', { name: 'Your plan' }).getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('Paid');
  await expect(steps.nth(1)).toContainText('Activate');
  await expect(steps.nth(2)).toContainText('Watching');
  await expect(steps.nth(1).getByRole('link', { name: 'Activate your plan' })).toBeVisible();
  await expect(page.getByTestId('order-history')).toContainText(/E[SD]T/);
  await expect(page.getByTestId('order-history')).not.toContainText('UTC');
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b[0-9a-f]{32}\b/i);
  for (const internal of ['What Flipkart has been told', 'Provisioning', 'OpenTV entitlement', 'authorization']) {
    expect(text).not.toContain(internal);
  }
  await expectNoSeriousA11yViolations(page);
  await docsScreenshot(page, 'order-placed');

  // Activated: Watching is the step now, with a real "Start watching" link.
  await steps.nth(1).getByRole('link', { name: 'Activate your plan' }).click();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByTestId('entitlement-status')).toHaveAttribute('data-status', 'ACTIVE');
  // "Back to StreamPlus" returns to the order, not the store's home.
  await page.getByTestId('back-to-store').click();
  await expect(page).toHaveURL(orderUrl);
  await page.reload();
  await expect(page.getByTestId('order-placed')).toHaveCount(0);
  // Activated: until when (30 days from the activation, on the sandbox clock another spec may have
  // moved; lib/orders/plan-access.db.test.ts checks the date itself).
  await expect(page.getByTestId('access-until')).toHaveText(
    /^Access until [A-Z][a-z]{2} \d{1,2}, \d{4} · does not renew$/,
  );
  await expect(page.getByTestId('start-watching')).toHaveAttribute('href', /\/watch$/);
  await page.getByTestId('start-watching').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start watching' })).toBeVisible();
});

test('Cancel asks first and says what happens; the refund reads as a refund, never an error', async ({ page }) => {
  await buyWithFlexitiAccount(page, 'super-monthly');
  const orderUrl = page.url();
  await expect(panel(page).getByRole('link', { name: 'move the sandbox clock' })).toBeVisible();

  await panel(page).getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this order?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Your access to Super ends right away.');
  await expect(dialog).toContainText('$9.99 goes back to the Flexiti account you paid with.');
  await expect(dialog.getByRole('button', { name: 'Keep my plan' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await docsScreenshot(page, 'cancel-confirmation');

  // Keeping the plan changes nothing.
  await dialog.getByRole('button', { name: 'Keep my plan' }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('order-state')).toHaveText(/Paid/);

  await panel(page).getByRole('button', { name: 'Cancel order' }).click();
  await dialog.getByRole('button', { name: 'Yes, cancel and refund $9.99' }).click();
  await expect(panel(page).getByRole('status')).toContainText('Your order is cancelled');

  await page.goto(orderUrl);
  await expect(page.getByTestId('order-state')).toHaveText('Cancelled and refunded');
  await expect(panel(page).getByTestId('refund')).toHaveText('$9.99 refunded to the Flexiti account you paid with.');
  const history = page.getByTestId('order-history');
  await expect(history).toContainText('You cancelled the order');
  await expect(history).toContainText('Refund sent to your Flexiti account');
  await expect(history).not.toContainText(/error/i);
  // Nothing left to wait for: no sandbox clock after a cancel.
  await expect(page.getByRole('link', { name: 'move the sandbox clock' })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test('My orders: paid orders first, unfinished attempts behind a toggle, one "window opened" per order', async ({
  page,
}) => {
  const paid = await buyWithFlexitiAccount(page, 'mobile-monthly');

  // Two unfinished attempts after it: one closed twice in the Flexiti window, one declined.
  for (const [slug, account] of [
    ['live-sports', '20009100'],
    ['kids-family', '20009101'],
  ] as const) {
    await page.goto(`/checkout/${slug}`);
    await page.getByRole('radio', { name: 'Account number' }).check();
    await page.getByLabel('Flexiti account number').fill(account);
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
      await page.frameLocator(WIDGET).getByRole('button', { name: 'Cancel' }).click();
      await expect(page.getByTestId('checkout-notice')).toContainText('You closed the Flexiti window');
    }
  }

  await page.goto('/orders');
  // Priya buys in other specs too: her newest paid order leads, and no unfinished one is among them.
  const paidList = page.getByTestId('paid-orders').getByTestId('order-row');
  await expect(paidList.first()).toContainText(paid);
  // Each paid order says what it is and how long it lasts.
  await expect(paidList.first()).toContainText('30 days of Mobile');
  await expect(paidList.first().getByTestId('access-until')).toContainText(/ · does not renew$/);
  await expect(paidList.filter({ hasText: /Awaiting payment|Payment not completed|Checkout cancelled/ })).toHaveCount(
    0,
  );
  const toggle = page.getByRole('button', { name: /^Show unfinished attempts \(\d+\)$/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('unfinished-orders')).toBeHidden();
  await docsScreenshot(page, 'my-orders');

  await toggle.click();
  await expect(page.getByRole('button', { name: 'Hide unfinished attempts' })).toHaveAttribute('aria-expanded', 'true');
  const attempts = page.getByTestId('unfinished-orders').getByTestId('order-row');
  const kids = attempts.filter({ hasText: 'Kids & Family' }).filter({ hasText: 'Awaiting payment' });
  await expect(kids).toHaveCount(1);
  await expect(attempts.filter({ hasText: 'Live Sports' }).filter({ hasText: 'Awaiting payment' })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  await kids.click();
  const history = page.getByTestId('order-history').getByRole('listitem');
  await expect(history.filter({ hasText: 'You closed the Flexiti window' }).nth(1)).toBeVisible();
  await expect(history.filter({ hasText: 'Flexiti window opened' })).toHaveCount(1);
});
