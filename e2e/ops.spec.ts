import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { buyWithFlexitiAccount } from './support/checkout';
import { demoCredentials, signInAsStaff, resetSandboxFirst } from './support/staff';

/**
 * The ops console: staff access, the order diagram, the outbox after a forced OMS 429,
 * sandbox reset, and an accessibility check on every console page. One order is bought through
 * the real checkout; the others come from the sandbox's "test order" tool (payment skipped,
 * fulfilment jobs real), which is quicker when only the outbox or OMS side matters.
 */

/** A test order; each test takes its own plan, since a persona holds one live plan per product. */
async function createTestOrder(page: Page, persona = 'priya', product = 'mobile-monthly') {
  await page.goto('/ops/sandbox');
  const section = page.getByRole('region', { name: 'Test order (payment skipped)' });
  await section.getByLabel('Persona').selectOption(persona);
  await section.getByLabel('Product').selectOption(product);
  await section.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/ops\/orders\/SP-/);
  return page.url().split('/').pop()!;
}

function partnerCard(page: Page, partner: string) {
  return page.getByTestId(`controls-${partner}`);
}

// Personas that hold no plan yet: one live plan per product (docs/refund-policy.md#one-live-plan).
test.beforeAll(resetSandboxFirst);
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
  // The name stays; the cursor waits in the password field.
  await expect(page.getByLabel('Staff name')).toHaveValue(name);
  await expect(page.getByLabel('Password')).toBeFocused();

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
  await expect(page.getByRole('link', { name: /^POST \/3\/oms · ORDER_CONFIRMED 200 · \d+ ms$/ })).toBeVisible();

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
  // Provisioning and the OMS report run right after the commit; wait until the customer sees the
  // first and Flipkart's My Orders the second.
  const panel = page.getByTestId('fulfilment-panel');
  await expect(panel.getByTestId('provisioning')).toHaveAttribute('data-status', 'PENDING');
  await page.goto('/sandbox/ultra/oms/my-orders?persona=priya');
  await expect(page.getByTestId('oms-order').filter({ hasText: orderId })).toContainText('Confirmed');

  await page.context().clearCookies();
  await signInAsStaff(page);
  await page.goto(`/ops/orders/${orderId}`);
  const arrows = page.getByTestId('diagram-call');
  const details = page.locator('details[id^="call-"]');
  await expect(arrows.first()).toBeVisible();
  await expect(arrows).toHaveCount(await details.count());
  for (const call of [
    /^POST \/v2\.5\/widget\/init 200 · \d+ ms$/,
    /^POST \/v2\.5\.1\/authorization 200 · \d+ ms$/,
    /^POST \/crm-gateway\/v2\/rmg\/v1\/entitlements 201 · \d+ ms$/,
    /^POST \/3\/oms · ORDER_CONFIRMED 200 · \d+ ms$/,
  ]) {
    await expect(page.getByRole('link', { name: call }).first()).toBeVisible();
  }
  await expect(page.locator('[data-testid="diagram-call"][data-failed="true"]')).toHaveCount(0);

  // `DOCS_SCREENSHOTS=1 npm run test:e2e` refreshes the README's picture of a whole order.
  if (process.env.DOCS_SCREENSHOTS === '1') {
    // Tall enough that the diagram's own scrolling box holds the whole order.
    await page.setViewportSize({ width: 1280, height: 2000 });
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

test('an active sandbox fault is marked on every ops page, its form shows it, and one tap clears it', async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAsStaff(page);
  await page.goto('/ops/sandbox');
  const opentvMark = page.getByTestId('fault-mark').filter({ hasText: 'OpenTV operator APIs' });
  await expect(opentvMark).toHaveCount(0);
  const opentv = partnerCard(page, 'opentv');
  await opentv.getByLabel('Forced error').selectOption('opentv-503');
  await opentv.getByLabel('until cleared').check();
  await opentv.getByRole('button', { name: /Force error/ }).click();
  await expect(opentv.getByTestId('forced-state')).toContainText('Forcing 503 until cleared');
  // The form shows the setting in force, not its defaults.
  await expect(opentv.getByLabel('Forced error', { exact: true })).toHaveValue('opentv-503');
  await expect(opentv.getByLabel('until cleared')).toBeChecked();
  await expect(opentv).toContainText('Fault on');

  const mark = page.getByTestId('fault-indicator');
  await expect(mark).toContainText('OpenTV operator APIs: 503 until cleared');
  // Every page, also when moving between pages inside the console (the layout is not rendered again).
  const nav = page.getByRole('navigation', { name: 'Ops console' });
  for (const name of ['Orders', 'Call log', 'Outbox', 'Partner health', 'Audit']) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(mark).toContainText('OpenTV operator APIs: 503 until cleared');
  }
  await page.goto('/ops/outbox');
  await expect(mark).toContainText(/\d sandbox faults? on/);
  await expectNoSeriousA11yViolations(page);
  if (process.env.DOCS_SCREENSHOTS === '1') {
    // A laptop screen at 1:1 pixels, signed in as the same staff member.
    const laptop = await browser.newContext({ baseURL, viewport: { width: 1366, height: 800 }, deviceScaleFactor: 1 });
    await laptop.addCookies(await page.context().cookies());
    const shot = await laptop.newPage();
    await shot.goto('/ops/outbox');
    await expect(shot.getByTestId('fault-indicator')).toBeVisible();
    await shot.screenshot({ path: 'docs/ops-active-fault.png' });
    await laptop.close();
  }

  // One tap, from whichever page: cleared, and still on that page.
  await mark.getByRole('button', { name: 'Clear the fault on OpenTV operator APIs' }).click();
  await expect(opentvMark).toHaveCount(0);
  await expect(page).toHaveURL(/\/ops\/outbox$/);
  await page.goto('/ops/sandbox');
  await expect(partnerCard(page, 'opentv').getByTestId('forced-state')).toContainText('No forced error.');
  await page.goto('/ops/audit');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'sandbox.faults-cleared' }).first()).toContainText(
    'opentv',
  );
});

test('partner health: every sandbox credential works right now', async ({ page }) => {
  await signInAsStaff(page);
  await page.goto('/ops/health');
  await expect(page.getByTestId('partner-mode')).toContainText('sandbox');
  for (const id of ['ultra', 'keycloak', 'opentv', 'flexiti']) {
    await expect(page.getByTestId(`health-${id}`).getByTestId('health-status')).toHaveText('OK');
  }
  await expectNoSeriousA11yViolations(page);
});

test('with the store in French, every ops page and the demo tour stay English (lang="en"), axe-clean, and the store stays French', async ({
  page,
  context,
  baseURL,
}) => {
  test.slow(); // nine pages, each analysed by axe
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'fr', url: baseURL! }]);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.goto('/ops/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoSeriousA11yViolations(page);
  await signInAsStaff(page);
  const orderId = await createTestOrder(page, 'priya', 'kids-family');
  for (const path of [
    '/ops',
    `/ops/orders/${orderId}`,
    '/ops/outbox',
    '/ops/calls',
    '/ops/health',
    '/ops/sandbox',
    '/ops/audit',
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.locator('html'), path).toHaveAttribute('lang', 'en');
    await expectNoSeriousA11yViolations(page);
  }
  await page.goto('/demo');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoSeriousA11yViolations(page);
  // The customer's choice is untouched: the store is still French.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regardez tout. Payez à votre rythme.');
});

test('sandbox reset empties the orders and is recorded in the audit', async ({ page }) => {
  await signInAsStaff(page);
  await createTestOrder(page, 'priya', 'live-sports');
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

test('the call log filters every partner call and copies one as cURL with no secret in it', async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  const orderId = await buyWithFlexitiAccount(page, 'regional-cinema');
  await signInAsStaff(page);
  await page.goto('/ops/calls');
  await expect(page.getByRole('heading', { name: 'Call log' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Ops console' });
  await expect(nav.getByRole('link', { name: 'Call log' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Orders' })).not.toHaveAttribute('aria-current', 'page');
  await expectNoSeriousA11yViolations(page);

  const log = page.getByRole('list', { name: 'Partner calls, newest first' });
  const rows = log.locator(':scope > li > details > summary');
  const filter = async (fields: { partner?: string; operation?: string; status?: string; order?: string }) => {
    for (const [name, value] of Object.entries(fields)) {
      const field = page.getByLabel(
        { partner: 'Partner', operation: 'Operation', status: 'Status', order: 'Order id' }[name]!,
        { exact: true },
      );
      if (name === 'order') await field.fill(value);
      else await field.selectOption(value);
    }
    await page.getByRole('button', { name: 'Filter' }).click();
  };

  // Partner: only Flexiti's calls, and more than one kind of them.
  await filter({ partner: 'flexiti' });
  await expect(page).toHaveURL(/partner=flexiti/);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain('flexiti');
  // Partner + operation + status class + order: this order's Flexiti authorization, answered 2xx.
  await filter({ operation: 'authorize', status: '2xx', order: orderId });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(orderId);
  await expect(rows.first().getByTestId('call-status')).toHaveText('200');
  // A status class with no such call: nothing.
  await filter({ status: '5xx' });
  await expect(page.getByText('No calls match.')).toBeVisible();
  // Time, in UTC: from a minute ahead there is nothing yet.
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(rows.first()).toBeVisible();
  const ahead = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
  await page.getByLabel('From (UTC)').fill(ahead);
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No calls match.')).toBeVisible();

  // The sign-in's grant exchange carries our client secret, the grant token and the secureToken:
  // open it and copy it as cURL.
  await page.goto('/ops/calls?partner=ultra&operation=exchangeGrant');
  const call = rows.first();
  await call.click();
  const details = log.locator(':scope > li > details').first();
  await expect(details.getByTestId('call-curl')).toContainText('curl -X GET');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await details.getByRole('button', { name: /as cURL/ }).click();
  await expect(details.getByRole('status')).toHaveText('Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^curl -X GET 'http:\/\/[^']+\/1\/authorization\/auth\?/);
  expect(copied).toContain('clientSecret=[redacted]');
  expect(copied).toMatch(/-H 'securetoken: \[redacted\]'/i);
  const secrets = JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'sandbox-secrets.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  // Every generated secret (client ids and the user name are identifiers, not secrets).
  const values = Object.entries(secrets)
    .filter(([k, v]) => !/ClientId$|Username$/.test(k) && typeof v === 'string' && v.length >= 8)
    .map(([, v]) => v as string);
  expect(values.length).toBeGreaterThan(3);
  for (const secret of values) {
    expect(copied).not.toContain(secret);
    expect(copied).not.toContain(encodeURIComponent(secret));
  }
  expect(copied).not.toMatch(/\b[0-9a-f]{40}\b/); // no Flexiti access token either
  await expectNoSeriousA11yViolations(page);

  // `DOCS_SCREENSHOTS=1 npm run test:e2e` refreshes the README's picture of the call log.
  if (process.env.DOCS_SCREENSHOTS === '1') {
    // A laptop screen at 1:1 pixels, signed in as the same staff member.
    const laptop = await browser.newContext({ baseURL, viewport: { width: 1366, height: 800 }, deviceScaleFactor: 1 });
    await laptop.addCookies(await context.cookies());
    const shot = await laptop.newPage();
    await shot.goto('/ops/calls');
    await shot.getByRole('list', { name: 'Partner calls, newest first' }).locator('summary').first().click();
    await shot.screenshot({ path: 'docs/ops-call-log.png' });
    await laptop.close();
  }
});

test('five wrong passwords lock a staff name with "try again in N minutes"; the failures are in the audit', async ({
  page,
}) => {
  const name = 'qa-lockout';
  const messages: string[] = [];
  await page.goto('/ops/sign-in');
  for (let attempt = 1; attempt <= 6; attempt++) {
    await page.getByLabel('Staff name').fill(name);
    await page.getByLabel('Password').fill(`wrong-${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The answer is a new page: the name kept, the password empty (not the last attempt's page).
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByLabel('Staff name')).toHaveValue(name);
    await expect(page.getByTestId('ops-error')).toBeVisible();
    messages.push((await page.getByTestId('ops-error').textContent())!);
  }
  const wrong = 'That name and password do not match a staff account.';
  expect(messages.slice(0, 4)).toEqual([wrong, wrong, wrong, wrong]);
  // The fifth failure locks the name; the sixth attempt is refused without checking the password.
  for (const m of messages.slice(4)) expect(m).toMatch(/^Too many wrong passwords\. Try again in 1[45] minutes\.$/);

  await signInAsStaff(page);
  await page.goto('/ops/audit');
  const rows = page.getByTestId('audit-row').filter({ hasText: name });
  await expect(rows.filter({ hasText: 'sign-in.failed' })).toHaveCount(5);
  await expect(rows.filter({ hasText: 'sign-in.locked' })).toHaveCount(1);
});
