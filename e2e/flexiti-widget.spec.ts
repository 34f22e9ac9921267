import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { expectScenario, finish, openScenarios, TEST_PIN } from './support/flexiti-widget';

/**
 * The sandbox Flexiti widget page (docs/partners/flexiti.md#widget-events): embedded in an
 * iframe by a host page, it posts the documented `{eventType, eventData}` to `window.parent`.
 */

function credentials() {
  const secrets = JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'sandbox-secrets.json'), 'utf8')) as {
    flexitiClientId: string;
    flexitiClientSecret: string;
  };
  return { id: secrets.flexitiClientId, secret: secrets.flexitiClientSecret };
}

/** token + widget/init as the server would; returns the widget URL. */
async function openWidget(request: APIRequestContext, body: unknown): Promise<string> {
  const { id, secret } = credentials();
  const api = '/sandbox/flexiti/flexiti/pos-api/v2.5';
  const token = await request.post(`${api}/oauth/token`, {
    form: { client_id: id, client_secret: secret, scope: 'customer' },
  });
  expect(token.status()).toBe(200);
  const { access_token } = (await token.json()) as { access_token: string };
  const init = await request.post(`${api}/client-id/${id}/widget/init`, {
    headers: { authorization: `Bearer ${access_token}`, 'x-reference-id': crypto.randomUUID().replace(/-/g, '') },
    data: body,
  });
  expect(init.status()).toBe(200);
  return ((await init.json()) as { redirection_url: string }).redirection_url;
}

/** The sandbox's stand-in merchant page frames the widget and lists what it posts. */
async function host(page: Page, widgetUrl: string) {
  const u = new URL(widgetUrl);
  await page.goto(`/sandbox/flexiti/widget-host?widget=${encodeURIComponent(u.pathname + u.search)}`);
  return page.frameLocator('iframe[title="Flexiti"]');
}

async function received(page: Page): Promise<{ origin: string; data: unknown }[]> {
  const texts = await page.getByTestId('received-message').allTextContents();
  return texts.map((t) => JSON.parse(t) as { origin: string; data: unknown });
}

test('a verified purchase posts flx-success to the parent', async ({ page, request, baseURL }) => {
  const url = await openWidget(request, { flow: 'purchase', customer_identification: { account_number: 20009100 } });
  const widget = await host(page, url);
  await expect(widget.getByRole('heading', { name: 'Flexiti' })).toBeVisible();
  await expect(widget.getByText('Priya Sharma', { exact: true })).toBeVisible();
  await expect(widget.getByText('•••• 9100')).toBeVisible();
  await expect(widget.getByText('Available credit')).toBeVisible();
  await expect(widget.getByText(/^\$\d{1,3}(,\d{3})*\.\d{2}$/)).toBeVisible(); // less after earlier tests' purchases
  // The account implies the scenario.
  await expectScenario(widget, /Verified purchase/);
  // Step 2: the SMS PIN (the sandbox's is 2222), then the decision in plain words.
  await finish(widget, { pin: TEST_PIN });
  await expect(widget.getByRole('status')).toContainText('Verified');
  await expect(widget.locator('body')).not.toContainText('eventType');
  await expect.poll(() => received(page)).toHaveLength(1);
  const [msg] = await received(page);
  expect(msg!.origin).toBe(new URL(baseURL!).origin);
  expect(msg!.data).toEqual({
    eventType: 'flx-success',
    eventData: {
      accountNumber: 20009100,
      verified: true,
      action: 'purchase',
      mfaOptionSelected: 'sms',
      widget_session_id: new URL(url).searchParams.get('widget_session_id'),
      customerId: '1000100-20009',
      accountType: 'consumer',
    },
  });
});

test('apply needs the test PIN 2222: a wrong PIN shows an error and posts nothing', async ({ page, request }) => {
  const url = await openWidget(request, {
    flow: 'apply',
    customer_identification: {
      personal_information: { first_name: 'Maya', last_name: 'Widget', dob: '1994-03-03', postal_code: 'M4C1B5' },
    },
    email: 'maya@example.com',
    phone_number: 4165550199,
    address_1: '2 Queen St',
    city: 'Toronto',
    province: 'ON',
    tos_agreement: true,
    lang: 'fr',
  });
  await page.goto(url);
  await expect(page.getByText('Limite de crédit si approuvé')).toBeVisible();
  await expectScenario(page, /Demande approuvée/);
  await expectNoSeriousA11yViolations(page);

  const widget = await host(page, url);
  await finish(widget, { pin: '1234', continueLabel: 'Continuer', pinLabel: 'NIP' });
  await expect(widget.getByRole('alert').filter({ hasText: 'NIP est incorrect' })).toContainText('2222');
  expect(await received(page)).toEqual([]);
  await widget.getByLabel('NIP', { exact: true }).fill(TEST_PIN);
  await widget.getByRole('button', { name: 'Continuer' }).click();
  await expect(widget.getByRole('status')).toContainText('Approuvé');
  await expect.poll(() => received(page)).toHaveLength(1);
  expect((await received(page))[0]!.data).toMatchObject({
    eventType: 'flx-success',
    eventData: { accountNumber: null, verified: true, action: 'apply' },
  });
});

test('cancel posts flx-cancel with no eventData', async ({ page, request }) => {
  const url = await openWidget(request, { flow: 'purchase', customer_identification: { account_number: 20009103 } });
  const widget = await host(page, url);
  await expectScenario(widget, /Account in poor standing/);
  await widget.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => received(page)).toHaveLength(1);
  expect((await received(page))[0]!.data).toEqual({ eventType: 'flx-cancel' });
});

test('the scenario drawer is in plain words, in English and in French, with the test data', async ({
  page,
  request,
}) => {
  for (const [lang, summary, label, pinText, title] of [
    ['en', 'Sandbox scenario', /Verification failed/, 'SMS PIN: 2222', 'Flexiti widget (sandbox)'],
    [
      'fr',
      'Scénario de test',
      /Vérification échouée/,
      'NIP par texto : 2222',
      'Widget Flexiti (environnement de test)',
    ],
  ] as const) {
    const url = await openWidget(request, {
      flow: 'purchase',
      customer_identification: { account_number: 20009100 },
      lang,
    });
    await page.goto(url);
    await expect(page).toHaveTitle(title);
    await expect(page.locator('main')).toHaveAttribute('lang', lang);
    await expect(page.locator('summary')).toContainText(summary);
    await expect(page.getByRole('radio')).toHaveCount(0); // collapsed until asked for
    await openScenarios(page);
    await expect(page.getByRole('radio', { name: label })).toBeEnabled();
    await expect(page.getByText(pinText)).toBeVisible();
    await expect(page.getByText('20009104')).toBeVisible();
    await expect(page.locator('main')).not.toContainText('|');
    await expectNoSeriousA11yViolations(page);
  }
});

test('a phone (412×915) shows the whole widget: Continue visible, nothing scrolls inside it', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 412, height: 915 });
  const url = await openWidget(request, {
    flow: 'apply',
    customer_identification: {
      personal_information: { first_name: 'Nora', last_name: 'Phone', dob: '1996-06-06', postal_code: 'M5V2T6' },
    },
    email: 'nora.phone@example.com',
    phone_number: 4165550198,
    address_1: '100 King St W',
    city: 'Toronto',
    province: 'ON',
    tos_agreement: true,
  });
  // On its own, at the top of the screen: no scrolling at all.
  await page.goto(url);
  await expect(page.getByRole('button', { name: 'Continue' })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(915);
  // `DOCS_SCREENSHOTS=1 npm run test:e2e` refreshes the README's picture of the widget.
  if (process.env.DOCS_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/flexiti-widget.png' });

  await finish(page, { pin: TEST_PIN });
  await expect(page.getByRole('status')).toContainText('Approved');
  await expect(page.getByRole('status')).toContainText('$1,500.00');
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(915);
});
