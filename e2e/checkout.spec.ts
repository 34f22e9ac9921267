import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { choose, expectScenario, finish, payVerified, TEST_PIN, WIDGET } from './support/flexiti-widget';
import { continueWithFlipkart } from './support/sign-in';
import { docsScreenshot, LAPTOP } from './support/docs';

/**
 * The Flexiti checkout end to end: the real checkout page, the sandbox widget in
 * its iframe, the server acting on the widget's answer, and the order pages. Each row of the
 * table in docs/partners/flexiti.md#next-step that the checkout handles has a test here.
 * Sandbox accounts: lib/sandbox/flexiti/accounts.ts (20009100 Priya Sharma, good credit).
 */

async function openCheckout(page: Page, slug: string, persona: 'priya' | 'arjun' | 'sam' = 'priya') {
  await page.goto(`/checkout/${slug}`);
  await continueWithFlipkart(page, persona);
  await expect(page).toHaveURL(new RegExp(`/checkout/${slug}$`));
  await expect(page.getByRole('radio', { name: /Use my Flexiti account/ })).toBeVisible();
}

async function payWithAccount(page: Page, accountNumber: string): Promise<FrameLocator> {
  await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
  await page.getByRole('radio', { name: 'Account number' }).check();
  await page.getByLabel('Flexiti account number').fill(accountNumber);
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  return widget(page);
}

async function widget(page: Page): Promise<FrameLocator> {
  await expect(page.locator(WIDGET)).toBeVisible();
  const w = page.frameLocator(WIDGET);
  await expect(w.getByRole('heading', { name: 'Flexiti' })).toBeVisible();
  return w;
}

const PRIYA = { first: 'Priya', last: 'Sharma', email: 'priya.sharma@example.com', mobile: '9876543210' };
const ARJUN = { first: 'Arjun', last: 'Mehta', email: 'arjun.mehta@example.com', mobile: '9123456780' };

async function fillApplication(page: Page, dateOfBirth: string, who = PRIYA, postalCode = 'M5V 2T6') {
  await page.getByRole('radio', { name: /Apply for Flexiti financing/ }).check();
  // Prefilled from the Flipkart profile: name, email and mobile.
  await expect(page.getByLabel('First name')).toHaveValue(who.first);
  await expect(page.getByLabel('Last name')).toHaveValue(who.last);
  await expect(page.getByLabel('Email address')).toHaveValue(who.email);
  await expect(page.getByLabel('Mobile number')).toHaveValue(who.mobile);
  await page.getByLabel('Date of birth').fill(dateOfBirth);
  await page.getByLabel('Postal code').fill(postalCode);
  await page.getByLabel('Street address').fill('100 King St W');
  await page.getByLabel('City', { exact: true }).fill('Toronto');
  await page.getByLabel('Province or territory').selectOption('ON');
  await page.getByLabel('I accept the Flexiti Cardholder Agreement').check();
}

const notice = (page: Page) => page.getByTestId('checkout-notice');

/** My orders, with the unfinished attempts shown too (they sit behind a toggle). */
async function showAllOrders(page: Page) {
  await page.goto('/orders');
  const toggle = page.getByRole('button', { name: /^Show unfinished attempts/ });
  if (await toggle.count()) await toggle.click();
}

async function ordersFor(page: Page, productName: string) {
  await showAllOrders(page);
  return page.getByTestId('order-row').filter({ hasText: productName });
}

test('Buy now without a session: Continue with Flipkart first, then back to the same checkout', async ({ page }) => {
  await page.goto('/products/premium-monthly');
  await page.getByRole('link', { name: 'Buy now' }).click();
  await expect(page).toHaveURL(/\/checkout\/premium-monthly$/);
  await expect(page.getByRole('heading', { name: 'Sign in to pay' })).toBeVisible();
  await expect(page.getByRole('main').locator('form')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await continueWithFlipkart(page, 'priya');
  await expect(page).toHaveURL(/\/checkout\/premium-monthly$/);
  await expect(page.getByRole('group', { name: 'How would you like to pay?' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('radio', { name: /Apply for Flexiti financing/ }).check();
  await expect(page.getByLabel('First name')).toHaveValue('Priya');
  await expectNoSeriousA11yViolations(page);
});

test('purchase | numeric | true | purchase: paid, the order page shows it, My orders lists it', async ({ page }) => {
  await openCheckout(page, 'mobile-monthly');
  const w = await payWithAccount(page, '20009100');
  await expectScenario(w, /Verified purchase/);
  await expectNoSeriousA11yViolations(page);
  await finish(w, { pin: TEST_PIN });
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  await expect(page.getByTestId('order-state')).toHaveText(/Paid|Active/);
  await expect(page.getByTestId('paid-note')).toContainText('Paid with Flexiti');
  // An existing account: no "new account" line.
  await expect(page.getByTestId('new-account')).toHaveCount(0);
  await expect(page.getByTestId('order-history')).toContainText('Flexiti approved the payment');
  await expectNoSeriousA11yViolations(page);
  const orderUrl = page.url();

  const rows = await ordersFor(page, 'Mobile');
  await expect(rows.first()).toContainText(/Paid|Active/);
  await expectNoSeriousA11yViolations(page);

  // Another customer sees a 404 for this order, and not in their list.
  await page.context().clearCookies();
  await page.goto('/orders');
  await continueWithFlipkart(page, 'arjun');
  await expect(page.getByRole('heading', { name: 'My orders' })).toBeVisible();
  const res = await page.goto(orderUrl);
  expect(res?.status()).toBe(404);
});

test('on a phone (412×915) the widget frame fits its content: Continue visible, no scrolling inside it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 412, height: 915 });
  // Arjun: Priya bought this plan in the test above, and holds it (one live plan per product);
  // Sam's list must stay empty for the invalid-input test.
  await openCheckout(page, 'mobile-monthly', 'arjun');
  const w = await payWithAccount(page, '20009100');
  const frame = page.locator(WIDGET);
  const next = w.getByRole('button', { name: 'Continue' });
  for (const step of ['identify', 'verify'] as const) {
    if (step === 'verify') await finish(w);
    await expect(w.getByLabel('PIN', { exact: true })).toHaveCount(step === 'verify' ? 1 : 0);
    // The frame takes the height the widget posts (it starts taller, at 760 px).
    await expect.poll(() => frame.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(700);
    const inner = await w.locator('html').evaluate((html) => ({ scroll: html.scrollHeight, view: window.innerHeight }));
    expect(inner.scroll, `${step}: the widget scrolls inside its frame`).toBeLessThanOrEqual(inner.view);
    // With the frame's top at the top of the screen, Continue is on screen.
    await frame.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const box = (await next.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(915);
  }
  await w.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
  await next.click();
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
});

test('purchase | numeric | false | purchase: unverified, a plain message and the apply route offered', async ({
  page,
}) => {
  await openCheckout(page, 'super-monthly');
  const w = await payWithAccount(page, '20009100');
  await choose(w, /Verification failed/);
  await expect(notice(page)).toContainText('Flexiti could not verify your account');
  // The error is in view below the sticky header, and has focus (screen readers read it).
  await expect(notice(page)).toBeFocused();
  const header = (await page.getByRole('banner').boundingBox())!;
  const box = (await notice(page).boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(header.y + header.height);
  await expect(notice(page)).toBeInViewport();
  await expect(page.locator(WIDGET)).toHaveCount(0);
  await notice(page).getByRole('button', { name: 'Apply for Flexiti financing instead' }).click();
  await expect(page.getByRole('radio', { name: /Apply for Flexiti financing/ })).toBeChecked();
  await expect(page.getByLabel('Street address')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await expect((await ordersFor(page, 'Super')).first()).toContainText('Payment not completed');
});

test('apply | null | true | apply: Priya applies with the documented details, /apply approves (PIN 2222), then /authorization: paid', async ({
  page,
}) => {
  await openCheckout(page, 'premium-annual');
  // README "Sandbox test data": Priya applying is a new applicant (her account has another birth date).
  await fillApplication(page, '1990-04-12');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  const w = await widget(page);
  await expectScenario(w, /Application approved/);
  await choose(w, /Application approved/, { pin: TEST_PIN });
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  await expect(page.getByTestId('paid-note')).toBeVisible();
  // The approval and the new account stay on the order page (the widget's result is gone at once).
  await expect(page.getByTestId('new-account')).toHaveText(
    /^Flexiti approved your application and opened your new account ••••\d{4}, with a credit limit of \$1,500\.00\.$/,
  );
  await expect(page.getByTestId('term')).toHaveText('365 days of Premium Annual');
  await expect(page.getByTestId('order-history')).toContainText('Flexiti approved your application');
  await expectNoSeriousA11yViolations(page);
  await docsScreenshot(page, 'new-applicant-order');
  await docsScreenshot(page, 'new-applicant-order-1366', LAPTOP);
});

test('apply, declined by /apply: a plain message and the purchase route offered', async ({ page }) => {
  await openCheckout(page, 'kids-family');
  await fillApplication(page, '1988-03-15');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  await choose(await widget(page), /Application declined/, { pin: TEST_PIN });
  await expect(notice(page)).toContainText('Flexiti declined the application');
  await notice(page).getByRole('button', { name: 'Use my Flexiti account instead' }).click();
  await expect(page.getByLabel('Flexiti account number')).toBeVisible();
  await expect((await ordersFor(page, 'Kids')).first()).toContainText('Payment not completed');
});

test('flx-cancel: back to the checkout with the form still filled, also after coming back later', async ({ page }) => {
  await openCheckout(page, 'live-sports');
  const w = await payWithAccount(page, '20009100');
  await w.getByRole('button', { name: 'Cancel' }).click();
  await expect(notice(page)).toContainText('You closed the Flexiti window');
  await expect(page.locator(WIDGET)).toHaveCount(0);
  await expect(page.getByLabel('Flexiti account number')).toHaveValue('20009100');
  // Coming back to the checkout later: the open order's details are still there.
  await page.goto('/');
  await page.goto('/checkout/live-sports');
  await expect(page.getByLabel('Flexiti account number')).toHaveValue('20009100');
  await expect((await ordersFor(page, 'Live')).first()).toContainText('Awaiting payment');
});

test('the amount and the product stay in view beside the widget, at the PIN step too', async ({ page }) => {
  await openCheckout(page, 'premium-monthly');
  await expect(page.getByTestId('checkout-summary').getByTestId('term')).toHaveText('30 days of Premium');
  await expect(page.getByTestId('checkout-summary')).toContainText('It does not renew');
  await expect(page.getByTestId('checkout-summary')).not.toContainText(/\/month|financed/);
  const w = await payWithAccount(page, '20009100');
  await expectScenario(w, /Verified purchase/);
  await w.getByRole('button', { name: 'Continue' }).click();
  const pin = w.getByLabel('PIN', { exact: true });
  await expect(pin).toBeFocused();
  const paying = page.getByTestId('paying');
  await expect(paying).toHaveText('Paying $14.99 for 30 days of Premium');
  await expect(paying).toBeInViewport();
  // Below the sticky header, not under it; the PIN field in view at the same time.
  const header = (await page.getByRole('banner').boundingBox())!;
  const line = (await paying.boundingBox())!;
  expect(line.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
  const pinBox = (await pin.boundingBox())!;
  expect(pinBox.y + pinBox.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  expect(pinBox.y).toBeGreaterThan(line.y + line.height);
  await expectNoSeriousA11yViolations(page);
  await docsScreenshot(page, 'widget-pin-amount', undefined, { scroll: false });
  await docsScreenshot(page, 'widget-pin-amount-1366', LAPTOP, { scroll: false });
  // Closed without paying: Priya holds no Premium plan for the specs after this one.
  await w.getByRole('button', { name: 'Cancel' }).click();
  await expect(notice(page)).toContainText('You closed the Flexiti window');
});

test('flx-failure: no raw code, a reference a customer can read out, and Try again', async ({ page }) => {
  await openCheckout(page, 'regional-cinema');
  const w = await payWithAccount(page, '20009100');
  await choose(w, /Something went wrong/);
  await expect(notice(page)).toContainText('Nothing was charged. Try again;');
  await expect(notice(page)).toContainText(/give support your reference SP-[A-Z2-9]{5}-[A-Z2-9]{5}\./);
  await expect(notice(page)).not.toContainText(/[0-9a-f]{32}|\(\w+_\w+\)/);
  await expectNoSeriousA11yViolations(page);
  // Try again opens a new Flexiti window with the same details.
  await notice(page).getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator(WIDGET)).toBeVisible();
});

test('purchase/apply | null | false | activation: the activation link opens in a new tab', async ({ page }) => {
  // A plan Priya does not hold (she paid for Premium in the test above).
  await openCheckout(page, 'live-sports');
  const w = await payWithAccount(page, '20009104');
  await expectScenario(w, /Account needs activation/);
  await finish(w);
  const link = notice(page).getByRole('link', { name: /Activate your Flexiti account/ });
  await expect(link).toHaveAttribute('href', 'https://my.flexiti.com/index');
  await expect(link).toHaveAttribute('target', '_blank');
});

test('invalid input shows the field errors and sends nothing (no widget, no order)', async ({ page }) => {
  await openCheckout(page, 'premium-monthly', 'sam');
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.headers()['next-action']) posts.push(r.url());
  });
  await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
  await page.getByLabel('Flexiti account number').fill('12ab');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  await expect(page.getByTestId('error-accountNumber')).toHaveText('An account number is up to 14 digits');
  await expect(page.getByLabel('Flexiti account number')).toBeFocused();

  await page.getByRole('radio', { name: /Apply for Flexiti financing/ }).check();
  await page.getByLabel('Email address').fill('not-an-email');
  // A date picker, not a typed format; a date in the future is refused.
  await expect(page.getByLabel('Date of birth')).toHaveAttribute('type', 'date');
  await page.getByLabel('Date of birth').fill('2999-01-01');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  await expect(page.getByTestId('error-firstName')).toHaveText('Enter your first name');
  await expect(page.getByTestId('error-email')).toHaveText('Enter an email address like name@example.com');
  await expect(page.getByTestId('error-dateOfBirth')).toHaveText('Enter a date of birth in the past');
  const agreement = page.getByRole('link', { name: /^Read the Flexiti Cardholder Agreement/ });
  await expect(agreement).toHaveAttribute('href', /\/sandbox\/flexiti\/cardholder-agreement\?lang=en$/);
  const agreementUrl = (await agreement.getAttribute('href'))!;
  // Provinces by name; Flexiti still gets the code.
  await expect(page.getByLabel('Province or territory').locator('option[value="BC"]')).toHaveText('British Columbia');
  await expect(page.getByTestId('error-province')).toBeVisible();
  await expect(page.getByTestId('error-agreeToTerms')).toBeVisible();
  await expect(page.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page);

  await expect(page.locator(WIDGET)).toHaveCount(0);
  expect(posts).toEqual([]);
  // No order for this plan, not even an unfinished one (Sam may hold another plan from a test above).
  await showAllOrders(page);
  await expect(page.getByRole('heading', { name: 'My orders' })).toBeVisible();
  await expect(page.getByTestId('order-row').filter({ hasText: 'Premium' })).toHaveCount(0);

  // The agreement the checkbox accepts, readable and accessible, in French too.
  await page.goto(agreementUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Flexiti Cardholder Agreement' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto(agreementUrl.replace('lang=en', 'lang=fr'));
  await expect(page.getByRole('heading', { level: 1, name: 'Entente du titulaire de carte Flexiti' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('a double submit and a second tab make one order', async ({ page, context }) => {
  await openCheckout(page, 'super-monthly', 'arjun');
  await page.getByRole('radio', { name: 'Account number' }).check();
  await page.getByLabel('Flexiti account number').fill('20009101');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).dblclick();
  await widget(page);

  const second = await context.newPage();
  await second.goto('/checkout/super-monthly');
  await second.getByLabel('Flexiti account number').fill('20009101');
  await second.getByRole('button', { name: 'Continue to Flexiti' }).click();
  await widget(second);

  await showAllOrders(second);
  // Arjun bought Mobile earlier in this spec: one Super order, whatever else he has.
  const supers = second.getByTestId('order-row').filter({ hasText: /Super/ });
  await expect(supers).toHaveCount(1);
  await expect(supers).toContainText('Awaiting payment');
});

test('a widget message from another origin is ignored; the widget’s own answer still counts', async ({ page }) => {
  await openCheckout(page, 'kids-family');
  const w = await payWithAccount(page, '20009100');
  await expectScenario(w, /Verified purchase/);
  const frameEl = page.locator(WIDGET);
  const widgetUrl = (await frameEl.getAttribute('src'))!;
  const sessionId = new URL(widgetUrl).searchParams.get('widget_session_id');

  // The app answers on 127.0.0.1 (FLEXITI_WIDGET_ORIGIN, the default: the origin of
  // FLEXITI_BASE_URL) and on localhost, a different origin. The CSP's frame-src no longer lets
  // the checkout frame a page from localhost, so the foreign page is a window this page opened
  // (it holds `window.opener`), posting a perfectly shaped verified success from there.
  const foreign = widgetUrl.replace('://127.0.0.1:', '://localhost:');
  expect(foreign).not.toBe(widgetUrl);
  const forged = {
    eventType: 'flx-success',
    eventData: {
      accountNumber: 20009100,
      verified: true,
      action: 'purchase',
      mfaOptionSelected: 'sms',
      widget_session_id: sessionId,
      customerId: '1000100-20009',
      accountType: 'consumer',
    },
  };
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => void window.open(url, 'foreign'), foreign),
  ]);
  await expect(popup.getByRole('heading', { name: 'Flexiti' })).toBeVisible();
  await popup.evaluate((msg) => window.opener.postMessage(msg, '*'), forged);
  await popup.close();
  // The top window has the trusted origin but is not the widget: also ignored.
  await page.evaluate((msg) => window.postMessage(msg, '*'), forged);

  // The customer cancels in the real widget. Had the forged success been acted on, the order
  // would be closed and this cancel would not come back to the form.
  await page.frameLocator(WIDGET).getByRole('button', { name: 'Cancel' }).click();
  await expect(notice(page)).toContainText('You closed the Flexiti window');
  await expect((await ordersFor(page, 'Kids')).first()).toContainText('Awaiting payment');
});

test('purchase | null | false | null: derogatory status, the customer cannot proceed', async ({ page }) => {
  await openCheckout(page, 'live-sports', 'arjun');
  const w = await payWithAccount(page, '20009103');
  await expectScenario(w, /Account in poor standing/);
  await finish(w);
  await expect(notice(page)).toContainText('Flexiti cannot finance this purchase on your account');
  await expect((await ordersFor(page, 'Live')).first()).toContainText('Payment not completed');
});

test('purchase (personal information) | null | false | apply: on to the application, details kept', async ({
  page,
}) => {
  await openCheckout(page, 'regional-cinema');
  await page.getByRole('radio', { name: 'My personal details' }).check();
  await page.getByLabel('Date of birth').fill('1992-07-07');
  await page.getByLabel('Postal code').fill('M5V 2T6');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  const w = await widget(page);
  await expectScenario(w, /Start a new application instead/);
  await finish(w);
  await expect(notice(page)).toContainText('You chose to apply for Flexiti financing');
  await expect(page.getByRole('radio', { name: /Apply for Flexiti financing/ })).toBeChecked();
  await expect(page.getByLabel('Date of birth')).toHaveValue('1992-07-07');
  await expect(page.getByLabel('Street address')).toBeVisible();
});

test('apply, existing account found | numeric | false | purchase: on to the purchase with that account', async ({
  page,
}) => {
  await openCheckout(page, 'premium-annual', 'arjun');
  await fillApplication(page, '1987-09-30', ARJUN, 'H3B 1A7'); // Arjun Mehta already has account 20009101
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  const w = await widget(page);
  await expect(w.getByText('Flexiti already has an account for Arjun Mehta.')).toBeVisible();
  await expectScenario(w, /Existing account found/);
  await finish(w);
  await expect(notice(page)).toContainText('Flexiti found your existing account');
  await expect(page.getByLabel('Flexiti account number')).toHaveValue('20009101');
  // And the purchase goes through with it.
  await payVerified(await payWithAccount(page, '20009101'));
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  await expect(page.getByTestId('paid-note')).toBeVisible();
});

test('apply | null | false | null: derogatory status on an existing account, cannot proceed', async ({ page }) => {
  // A plan Priya does not hold (she bought Mobile above, and holds it).
  await openCheckout(page, 'super-monthly');
  await fillApplication(page, '1979-06-05');
  await page.getByLabel('First name').fill('Dana');
  await page.getByLabel('Last name').fill('Rogers');
  await page.getByLabel('Postal code').fill('T2P 1J9');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  const w = await widget(page);
  await expectScenario(w, /Existing account in poor standing/);
  await finish(w);
  await expect(notice(page)).toContainText('Flexiti cannot finance this purchase on your account');
});
