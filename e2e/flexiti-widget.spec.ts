import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';

/**
 * The sandbox Flexiti widget page (contracts/flexiti-opentv-keycloak.md §A.5): embedded in an
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
  await expect(widget.getByText('Priya Sharma, 20009100')).toBeVisible();
  // The account implies the scenario.
  await expect(widget.getByRole('radio', { name: /Verified purchase/ })).toBeChecked();
  await widget.getByRole('button', { name: 'Continue' }).click();
  await expect(widget.getByRole('status')).toContainText('flx-success');
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
  await expect(page.getByRole('radio', { name: /Application approved/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page);

  const widget = await host(page, url);
  await widget.getByLabel('NIP').fill('1234');
  await widget.getByRole('button', { name: 'Continuer' }).click();
  await expect(widget.getByRole('alert').filter({ hasText: 'PIN is not correct' })).toContainText('2222');
  expect(await received(page)).toEqual([]);
  await widget.getByLabel('NIP').fill('2222');
  await widget.getByRole('button', { name: 'Continuer' }).click();
  await expect.poll(() => received(page)).toHaveLength(1);
  expect((await received(page))[0]!.data).toMatchObject({
    eventType: 'flx-success',
    eventData: { accountNumber: null, verified: true, action: 'apply' },
  });
});

test('cancel posts flx-cancel with no eventData', async ({ page, request }) => {
  const url = await openWidget(request, { flow: 'purchase', customer_identification: { account_number: 20009103 } });
  const widget = await host(page, url);
  await expect(widget.getByRole('radio', { name: /Derogatory status/ })).toBeChecked();
  await widget.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => received(page)).toHaveLength(1);
  expect((await received(page))[0]!.data).toEqual({ eventType: 'flx-cancel' });
});
