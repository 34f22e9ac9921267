import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { buyWithFlexitiAccount } from './support/checkout';
import { continueWithFlipkart } from './support/sign-in';
import { resetSandboxFirst } from './support/staff';

/**
 * The order lifecycle end to end: a real purchase through the checkout and the
 * Flexiti sandbox widget, then OpenTV provisioning and activation, fulfilment through the sandbox
 * clock, a customer cancellation with its refund, and an OpenTV outage that heals by itself.
 * What Flipkart was told is checked on the OMS sandbox's My Orders page.
 */

const buy = buyWithFlexitiAccount;

const panel = (page: Page) => page.getByTestId('fulfilment-panel');
const provisioning = (page: Page) => panel(page).getByTestId('provisioning');

/** The order on Flipkart's My Orders (OMS sandbox), for Priya. */
async function flipkartOrder(page: Page, orderId: string) {
  await page.goto('/sandbox/ultra/oms/my-orders?persona=priya');
  return page.getByTestId('oms-order').filter({ hasText: orderId });
}

// Personas that hold no plan yet: one live plan per product (docs/refund-policy.md#one-live-plan).
test.beforeAll(resetSandboxFirst);
test('buy → PENDING → activate → ACTIVE → past the window → FULFILLED, and Flipkart sees CONFIRMED then FULFILLED', async ({
  page,
}) => {
  const orderId = await buy(page, 'mobile-monthly');
  const orderUrl = page.url();
  await expect(provisioning(page)).toHaveAttribute('data-status', 'PENDING');
  await expect(panel(page).getByRole('button', { name: 'Cancel order' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  let mine = await flipkartOrder(page, orderId);
  await expect(mine).toContainText('Confirmed');

  // The activation link takes the customer to OpenTV's (Bango-like) activation page.
  await page.goto(orderUrl);
  await provisioning(page).getByRole('link', { name: 'Activate your plan' }).click();
  await expect(page.getByTestId('entitlement-status')).toHaveAttribute('data-status', 'PENDING');
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByTestId('entitlement-status')).toHaveAttribute('data-status', 'ACTIVE');

  await page.goto(orderUrl);
  await expect(page.getByTestId('order-state')).toHaveText(/Active/);
  await expect(provisioning(page)).toHaveAttribute('data-status', 'ACTIVE');

  // QA moves the sandbox clock past the cancellation period: the scheduled fulfilment runs.
  await panel(page).getByRole('link', { name: 'move the sandbox clock' }).click();
  await expect(page.getByRole('heading', { name: 'Sandbox clock' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: /past the cancellation period/ }).click();
  await expect(page.getByRole('status')).toContainText('Moved the clock');

  await page.goto(orderUrl);
  // Completed: activated and past the cancellation period (a plan never activated would not say so).
  await expect(page.getByTestId('order-state')).toHaveText(/Completed/);
  await expect(panel(page).getByRole('button', { name: 'Cancel order' })).toHaveCount(0);

  // The fulfilment report goes out right after the clock moved; Flipkart's page shows it once it lands.
  mine = await flipkartOrder(page, orderId);
  await expect(async () => {
    await page.reload();
    await expect(mine).toContainText('Fulfilled', { timeout: 1_000 });
  }).toPass();
  await expect(mine.getByTestId('reverse')).toHaveCount(0);
});

test('buy → cancel: entitlement cancelled, refund shown, Flipkart told ORDER_CANCELLED with the amount returned', async ({
  page,
}) => {
  const orderId = await buy(page, 'super-monthly');
  const orderUrl = page.url();
  await expect(provisioning(page)).toHaveAttribute('data-status', 'PENDING');

  await panel(page).getByRole('button', { name: 'Cancel order' }).click();
  await page
    .getByRole('dialog', { name: 'Cancel this order?' })
    .getByRole('button', { name: /^Yes, cancel/ })
    .click();
  await expect(panel(page).getByRole('status')).toContainText('Your order is cancelled');
  await page.goto(orderUrl);
  await expect(page.getByTestId('order-state')).toHaveText(/Cancelled/);
  await expect(panel(page).getByTestId('refund')).toContainText(
    /\$\d+\.\d\d refunded to the Flexiti account you paid with/,
  );
  await expect(provisioning(page)).toHaveAttribute('data-status', 'CANCELLED');
  await expectNoSeriousA11yViolations(page);
  const refunded = (await panel(page).getByTestId('refund').textContent())!.match(/\$\d+\.\d\d/)![0];

  const mine = await flipkartOrder(page, orderId);
  await expect(mine).toContainText('Cancelled');
  await expect(mine.getByTestId('reverse')).toHaveText(refunded);
  await expect(mine.getByTestId('forward')).toHaveText(refunded);
});

test('an OpenTV outage during the purchase heals by itself once OpenTV is back', async ({ page, context }) => {
  // QA forces the outage from the ops console's sandbox controls (demo staff account).
  const ops = await context.newPage();
  await ops.goto('/ops/sign-in');
  const name = (await ops.getByTestId('demo-staff-name').textContent())!.trim();
  const password = (await ops.getByTestId('demo-staff-password').textContent())!.trim();
  await ops.getByLabel('Staff name').fill(name);
  await ops.getByLabel('Password').fill(password);
  await ops.getByRole('button', { name: 'Sign in' }).click();
  await expect(ops.getByTestId('ops-staff-name')).toHaveText(name);
  await ops.goto('/ops/sandbox');
  const card = ops.getByTestId('controls-opentv');
  await card.getByLabel('Forced error').selectOption({ label: '503 Service unavailable' });
  await card.getByRole('radio', { name: 'until cleared' }).check();
  await card.getByRole('button', { name: /^Force error/ }).click();
  await expect(ops.getByTestId('controls-opentv').getByTestId('forced-state')).toContainText(
    'Forcing 503 until cleared',
  );

  const orderId = await buy(page, 'premium-monthly');
  // Paid; OpenTV does not answer, so provisioning waits and retries.
  await expect(provisioning(page)).toHaveAttribute('data-status', 'RETRYING');
  await expect(provisioning(page)).toContainText('We keep trying automatically');

  await ops
    .getByTestId('controls-opentv')
    .getByRole('button', { name: /Clear forced error/ })
    .click();
  await expect(ops.getByTestId('controls-opentv').getByTestId('forced-state')).toContainText('No forced error.');

  // The outbox worker retries with backoff; the panel refreshes itself.
  await expect(provisioning(page)).toHaveAttribute('data-status', 'PENDING', { timeout: 45_000 });
  await expect(provisioning(page).getByRole('link', { name: 'Activate your plan' })).toBeVisible();
  expect(page.url()).toContain(orderId);
  // Flipkart was told about the payment all along (the outage was OpenTV's only).
  await expect(await flipkartOrder(page, orderId)).toContainText('Confirmed');
});

test('the account page links an OpenTV account after OpenTV confirms it exists', async ({ page }) => {
  await page.goto('/account');
  await continueWithFlipkart(page, 'sam');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  const account = page.getByTestId('opentv-account');
  const field = page.getByLabel(/Link it|Use another OpenTV account/);
  await expectNoSeriousA11yViolations(page);

  // An id OpenTV does not know, and another customer's account, get the same refusal; nothing is
  // linked. (A malformed id in between, so each answer is a new message on the page.)
  await field.fill('acct-nobody-9999');
  await page.getByRole('button', { name: 'Link account' }).click();
  await expect(page.getByText('This OpenTV account cannot be linked to you.')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('not an id!');
  await page.getByRole('button', { name: 'Link account' }).click();
  await expect(page.getByText('an OpenTV account id has only letters, digits')).toBeVisible();
  await field.fill('acct-priya-0001');
  await page.getByRole('button', { name: 'Link account' }).click();
  await expect(page.getByText('This OpenTV account cannot be linked to you.')).toBeVisible();

  // Sam's own sandbox account (seeded at OpenTV) is accepted.
  await field.fill('acct-sam-0003');
  await page.getByRole('button', { name: 'Link account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Linked OpenTV account acct-sam-0003.' })).toBeVisible();
  await expect(account).toHaveText(/^Your plans are set up on your OpenTV account\./);
  await expect(account).not.toContainText('acct-');
  await expectNoSeriousA11yViolations(page);
});
