import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { buyWithFlexitiAccount } from './support/checkout';
import { demoCredentials, signInAsStaff } from './support/staff';

/**
 * The ops console (issue 6): staff access, the order diagram, the outbox after a forced OMS 429,
 * sandbox reset, and an accessibility check on every console page. One order is bought through
 * the real checkout; the others come from the sandbox's "test order" tool (payment skipped,
 * fulfilment jobs real), which is quicker when only the outbox or OMS side matters.
 */

async function createTestOrder(page: Page, persona = 'priya') {
  await page.goto('/ops/sandbox');
  const section = page.getByRole('region', { name: 'Test order (payment skipped)' });
  await section.getByLabel('Persona').selectOption(persona);
  await section.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/ops\/orders\/SP-/);
  return page.url().split('/').pop()!;
}

function partnerCard(page: Page, partner: string) {
  return page.getByTestId(`controls-${partner}`);
}

test('no session: /ops sends to the staff sign-in; a wrong password is refused; the demo account works', async ({
  page,
}) => {
  await page.goto('/ops/outbox');
  await expect(page).toHaveURL(/\/ops\/sign-in\?next=%2Fops%2Foutbox/);
  await expect(page.getByRole('heading', { name: 'Staff sign-in' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const { name, password } = await demoCredentials(page);

  await page.getByLabel('Staff name').fill(name);
  await page.getByLabel('Password').fill(`${password}x`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('ops-error')).toHaveText('That name and password do not match a staff account.');
  await expect(page.getByTestId('ops-staff-name')).toHaveCount(0);

  await page.getByLabel('Staff name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  await expect(page.getByTestId('ops-staff-name')).toHaveText('demo');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out of the ops console.')).toBeVisible();
  await page.goto('/ops');
  await expect(page).toHaveURL(/\/ops\/sign-in/);
});

test('a signed-in customer gets a 403 page for /ops, not the console and not a redirect loop', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('banner').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  const sheet = page.frameLocator('[data-testid="flipkart-consent-frame"]');
  await sheet.getByLabel('Signed-in Flipkart customer').selectOption('priya');
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByRole('banner').getByTestId('account-name')).toHaveText('Hi, Priya');

  const res = await page.goto('/ops');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: '403 · Staff only' })).toBeVisible();
  expect((await page.goto('/ops/orders/SP-ANY'))?.status()).toBe(403);
  await expectNoSeriousA11yViolations(page);
});

test('an order’s diagram draws every partner call of the order; an arrow opens its redacted request and response', async ({
  page,
}) => {
  await signInAsStaff(page);
  await createTestOrder(page);
  const arrows = page.getByTestId('diagram-call');
  const details = page.locator('details[id^="call-"]');
  await expect(arrows.first()).toBeVisible();
  const n = await details.count();
  expect(n).toBeGreaterThan(0);
  await expect(arrows).toHaveCount(n);
  await expect(page.getByTestId('diagram-summary')).toHaveText(`${n} call${n === 1 ? '' : 's'}`);
  await expect(
    page.getByRole('link', { name: /POST \/sandbox\/ultra\/oms\/3\/oms to Flipkart answered 200/ }),
  ).toBeVisible();

  await arrows.first().click();
  const first = details.first();
  await expect(first).toHaveAttribute('open', '');
  await expect(first.getByRole('heading', { name: /Request/ })).toBeVisible();
  await expect(first.getByText('[redacted]').first()).toBeVisible(); // the secureToken header
  await expectNoSeriousA11yViolations(page);
});

test('a real checkout’s diagram shows every call of the order: Flexiti widget and payment, OpenTV provisioning, Flipkart OMS', async ({
  page,
}) => {
  const orderId = await buyWithFlexitiAccount(page, 'premium-monthly');
  // Provisioning and the OMS report run right after the commit; wait until the customer sees them.
  const panel = page.getByTestId('fulfilment-panel');
  await expect(panel.getByTestId('provisioning')).toHaveAttribute('data-status', 'PENDING');
  await expect(panel.locator('[data-testid="oms-reports"] li[data-state="ORDER_CONFIRMED"]')).toHaveAttribute(
    'data-status',
    'delivered',
  );

  await page.context().clearCookies();
  await signInAsStaff(page);
  await page.goto(`/ops/orders/${orderId}`);
  const arrows = page.getByTestId('diagram-call');
  const details = page.locator('details[id^="call-"]');
  await expect(arrows.first()).toBeVisible();
  await expect(arrows).toHaveCount(await details.count());
  for (const call of [
    /POST \S*\/widget\/init to Flexiti answered 200/,
    /POST \S*\/v2\.5\.1\/\S*\/authorization to Flexiti answered 200/,
    /POST \S*\/crm-gateway\/v2\/rmg\/v1\/entitlements to OpenTV answered 201/,
    /POST \S*\/3\/oms to Flipkart answered 200/,
  ]) {
    await expect(page.getByRole('link', { name: call }).first()).toBeVisible();
  }
  await expect(page.locator('[data-testid="diagram-call"][data-failed="true"]')).toHaveCount(0);

  // `DOCS_SCREENSHOTS=1 npm run test:e2e` refreshes the README's picture of a whole order.
  if (process.env.DOCS_SCREENSHOTS === '1') {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('figure').screenshot({ path: 'docs/order-diagram.png' });
  }
});

test('a forced OMS 429 shows as a failed outbox job that succeeds on retry once the fault is cleared', async ({
  page,
}) => {
  await signInAsStaff(page);
  await page.goto('/ops/sandbox');
  await expectNoSeriousA11yViolations(page);
  const oms = partnerCard(page, 'oms');
  await oms.getByLabel('Forced error').selectOption('oms-429');
  await oms.getByLabel('until cleared').check();
  await oms.getByRole('button', { name: /Force error/ }).click();
  await expect(partnerCard(page, 'oms').getByTestId('forced-state')).toContainText('Forcing 429 until cleared');

  const orderId = await createTestOrder(page, 'arjun');
  await expect(page.locator('[data-testid="diagram-call"][data-failed="true"]').first()).toBeVisible();

  await page.goto('/ops/outbox?view=failed');
  const job = page.getByTestId('outbox-job').filter({ hasText: orderId }).filter({ hasText: 'oms.report' });
  await expect(job.getByTestId('outbox-last-error')).toContainText('429');
  await expectNoSeriousA11yViolations(page);

  // Give up while OMS still fails (a dead job is left alone by the worker, so the retry below is ours).
  await job.getByLabel('Reason to give up').fill('OMS rate limited, retry after the incident');
  await job.getByRole('button', { name: /Give up job/ }).click();
  await expect(page.getByRole('status')).toContainText('given up');
  await page.goto('/ops/outbox?view=dead');
  const dead = page.getByTestId('outbox-job').filter({ hasText: orderId }).filter({ hasText: 'oms.report' });
  await expect(dead).toContainText('given up by demo: OMS rate limited, retry after the incident');

  await page.goto('/ops/sandbox');
  await partnerCard(page, 'oms')
    .getByRole('button', { name: /Clear forced error/ })
    .click();
  await expect(partnerCard(page, 'oms').getByTestId('forced-state')).toContainText('No forced error.');

  await page.goto('/ops/outbox?view=dead');
  await page
    .getByTestId('outbox-job')
    .filter({ hasText: orderId })
    .filter({ hasText: 'oms.report' })
    .getByRole('button', { name: /Retry job/ })
    .click();
  await expect(page.getByRole('status')).toContainText(/retried: delivered/);
  await page.goto('/ops/outbox?view=done');
  await expect(
    page.getByTestId('outbox-job').filter({ hasText: orderId }).filter({ hasText: 'oms.report' }),
  ).toContainText('done');
  await page.goto(`/ops/orders/${orderId}`);
  await expect(page.getByTestId('diagram-call').last()).toHaveAttribute('data-failed', 'false');

  await page.goto('/ops/audit');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'outbox.retry' }).first()).toContainText('demo');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'sandbox.force-error' }).first()).toContainText('oms');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'outbox.give-up' }).first()).toContainText(
    'retry after the incident',
  );
  await expectNoSeriousA11yViolations(page);
});

test('partner health: every sandbox credential works right now', async ({ page }) => {
  await signInAsStaff(page);
  await page.goto('/ops/health');
  await expect(page.getByTestId('partner-mode')).toContainText('sandbox');
  for (const id of ['ultra', 'keycloak', 'flexiti']) {
    await expect(page.getByTestId(`health-${id}`).getByTestId('health-status')).toHaveText('OK');
  }
  await expectNoSeriousA11yViolations(page);
});

test('sandbox reset empties the orders and is recorded in the audit', async ({ page }) => {
  await signInAsStaff(page);
  await createTestOrder(page);
  await page.goto('/ops');
  await expect(page.getByTestId('orders-count')).not.toContainText(/^0 orders/);

  await page.goto('/ops/sandbox');
  await page.getByLabel('Type RESET to confirm').fill('RESET');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Sandbox reset');

  await page.goto('/ops');
  await expect(page.getByTestId('orders-count')).toContainText(/^0 orders/);
  await page.goto('/ops/audit');
  await expect(page.getByTestId('audit-row').first()).toContainText('sandbox.reset');
});
