import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { resetSandbox, signInAsStaff } from './support/staff';

/**
 * Sign-in with Flipkart through the real `fk-platform-sdk/web` and the simulated native bridge
 * (docs/partners/ultra.md#native-bridge): the consent sheet mints a grant token, the server exchanges
 * it with the Ultra platform sandbox and starts an Auth.js session.
 */

const SHEET = '[data-testid="flipkart-consent-frame"]';

function headerButton(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: 'Continue with Flipkart', exact: true });
}

async function openSheet(page: Page): Promise<FrameLocator> {
  await headerButton(page).click();
  const sheet = page.frameLocator(SHEET);
  await expect(
    sheet.getByRole('dialog', { name: /needs access to your Communication Details and Name/ }),
  ).toBeVisible();
  return sheet;
}

async function choosePersona(sheet: FrameLocator, id: string) {
  await sheet.getByLabel('Signed-in Flipkart customer').selectOption(id);
}

const greeting = (page: Page) => page.getByRole('banner').getByTestId('account-name');

async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(headerButton(page)).toBeVisible();
}

const PERSONAS = [
  { id: 'priya', shows: 'Hi, Priya' },
  { id: 'arjun', shows: 'Hi, Arjun' },
  // No name on file at Flipkart: the header greets without a name.
  { id: 'sam', shows: 'Hi there' },
];

for (const persona of PERSONAS) {
  test(`${persona.id} signs in with Flipkart, sees "${persona.shows}" and signs out`, async ({ page }) => {
    await page.goto('/');
    const sheet = await openSheet(page);
    await choosePersona(sheet, persona.id);
    await sheet.getByRole('button', { name: 'Allow' }).click();
    await expect(greeting(page)).toHaveText(persona.shows);
    await expect(page.locator(SHEET)).toHaveCount(0);
    await signOut(page);
    await expect(greeting(page)).toHaveCount(0);
  });
}

test('kavya leaves email unticked: the store explains why and she continues without it', async ({ page }) => {
  await page.goto('/');
  const sheet = await openSheet(page);
  await choosePersona(sheet, 'kavya');
  await expect(sheet.getByRole('switch', { name: 'Share email address' })).not.toBeChecked();
  await expect(sheet.getByRole('switch', { name: 'Share name' })).toBeChecked();
  await sheet.getByRole('button', { name: 'Allow' }).click();
  const message = page.getByTestId('sign-in-message');
  await expect(message).toContainText('You did not share your email address.');
  await expect(message).toContainText('We ask for your email address to send your receipts');
  await message.getByRole('button', { name: 'Continue without it' }).click();
  await expect(greeting(page)).toHaveText('Hi, Kavya');
  await signOut(page);
});

test('kavya chooses to share her email after the explanation: the sheet opens again', async ({ page }) => {
  await page.goto('/');
  let sheet = await openSheet(page);
  await choosePersona(sheet, 'kavya');
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await page.getByTestId('sign-in-message').getByRole('button', { name: 'Share email address' }).click();
  sheet = page.frameLocator(SHEET);
  await choosePersona(sheet, 'kavya');
  const email = sheet.getByRole('switch', { name: 'Share email address' });
  await expect(email).not.toBeChecked();
  await email.click();
  await expect(email).toBeChecked();
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await expect(greeting(page)).toHaveText('Hi, Kavya');
  await signOut(page);
});

test('denying every scope still signs in (the promise resolves) after the explanation, without a name', async ({
  page,
}) => {
  await page.goto('/');
  const sheet = await openSheet(page);
  await choosePersona(sheet, 'priya');
  await sheet.getByRole('button', { name: 'Deny' }).click();
  const message = page.getByTestId('sign-in-message');
  await expect(message).toContainText('You did not share your name, email address and mobile number.');
  await message.getByRole('button', { name: 'Continue without it' }).click();
  await expect(greeting(page)).toHaveText('Hi there');
  await signOut(page);
});

test('from the keyboard: Enter opens the Flipkart sheet, and closing it brings the focus back to the button', async ({
  page,
}) => {
  await page.goto('/');
  // The flow behind the button loads at the first press: the press still opens the sheet.
  await expect(headerButton(page)).toBeEnabled();
  await headerButton(page).focus();
  await page.keyboard.press('Enter');
  const sheet = page.frameLocator(SHEET);
  await expect(sheet.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sign-in-message')).toContainText('You closed the Flipkart sheet');
  await expect(headerButton(page)).toBeFocused();
});

test('dismissing the sheet says so and offers a retry that opens it again', async ({ page }) => {
  await page.goto('/');
  let sheet = await openSheet(page);
  await sheet.getByRole('button', { name: 'Close' }).click();
  const message = page.getByTestId('sign-in-message');
  await expect(message).toContainText('You closed the Flipkart sheet, so you are not signed in yet.');
  await expect(greeting(page)).toHaveCount(0);

  await message.getByRole('button', { name: 'Try again' }).click();
  sheet = page.frameLocator(SHEET);
  await expect(sheet.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sign-in-message')).toContainText('You closed the Flipkart sheet');

  await page.getByTestId('sign-in-message').getByRole('button', { name: 'Try again' }).click();
  sheet = page.frameLocator(SHEET);
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await expect(greeting(page)).toHaveText('Hi, Priya');
  await signOut(page);
});

test('the sign-in page returns to returnTo; the session cookie is httpOnly and SameSite=Lax', async ({
  page,
  context,
}) => {
  await page.goto('/sign-in?returnTo=%2Fproducts%2Flive-sports');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  await page.frameLocator(SHEET).getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/products\/live-sports$/);
  await expect(greeting(page)).toHaveText('Hi, Priya');
  const session = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  // Signed in, the sign-in page sends the customer straight on.
  await page.goto('/sign-in?returnTo=%2F');
  await expect(page).toHaveURL(/\/$/);
  await signOut(page);
});

test('after sign-out a copy of the session cookie no longer signs anyone in', async ({ page, context, request }) => {
  await page.goto('/sign-in?returnTo=%2Faccount');
  await page.getByRole('main').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  await page.frameLocator(SHEET).getByRole('button', { name: 'Allow' }).click();
  await expect(greeting(page)).toHaveText('Hi, Priya');
  const copy = (await context.cookies()).find((c) => c.name.endsWith('authjs.session-token'))!;
  const asCopy = { headers: { cookie: `${copy.name}=${copy.value}` } };
  expect(await (await request.get('/api/auth/session', asCopy)).json()).toMatchObject({
    user: { id: expect.any(String) },
  });
  await signOut(page);
  expect(await (await request.get('/api/auth/session', asCopy)).json()).toBeNull();
});

test('an open-redirect returnTo is ignored', async ({ page }) => {
  await page.goto('/sign-in?returnTo=%2F%2Fevil.example%2F');
  await page.getByRole('main').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  await page.frameLocator(SHEET).getByRole('button', { name: 'Allow' }).click();
  await expect(greeting(page)).toHaveText('Hi, Priya');
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
  await signOut(page);
});

test('the sign-in page and the consent sheet have no serious accessibility violations', async ({ page }) => {
  await page.goto('/sign-in');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('main').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  await expect(page.frameLocator(SHEET).getByRole('dialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // Every control of the sheet is a 44 px touch target (the Flipkart app is a phone WebView).
  const controls = page.frameLocator(SHEET).locator('button, select');
  await expect(controls).toHaveCount(7); // close, the persona picker, three scope switches, Deny, Allow
  for (const control of await controls.all()) {
    const box = await control.boundingBox();
    expect(
      box && Math.min(box.width, box.height),
      await control.evaluate((e) => e.outerHTML.slice(0, 80)),
    ).toBeGreaterThanOrEqual(44);
  }
  await page.frameLocator(SHEET).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('sign-in-message')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

/**
 * docs/partners/ultra.md#answer-styles: Flipkart may answer bare or in the STATUS/RESPONSE envelope. The server
 * runs in one style (SANDBOX_ULTRA_STYLE, bare by default: the whole spec can run in either); this test
 * switches to the other on the ops sandbox page, signs in, and puts it back.
 */
test('in the other answer style, set on the ops sandbox page, health says so and Priya still signs in', async ({
  page,
}) => {
  const configured = process.env.SANDBOX_ULTRA_STYLE === 'envelope' ? 'envelope' : 'bare';
  const other = configured === 'bare' ? 'envelope' : 'bare';
  const says = { bare: 'answers bare', envelope: 'answers in the STATUS/RESPONSE envelope' };
  await signInAsStaff(page);
  const setStyle = async (value: string) => {
    await page.goto('/ops/sandbox');
    const form = page.getByTestId('reading-ultra-answerStyle');
    await form.getByLabel('Answer style', { exact: true }).selectOption(value);
    await form.getByRole('button', { name: /^Save Answer style/ }).click();
    await expect(page.getByRole('status')).toContainText('Setting saved');
  };
  await setStyle(other);
  try {
    await page.goto('/ops/health');
    await expect(page.getByTestId('health-ultra')).toContainText(`credentials accepted; ${says[other]}`);
    await page.goto('/');
    const sheet = await openSheet(page);
    await choosePersona(sheet, 'priya');
    await sheet.getByRole('button', { name: 'Allow' }).click();
    await expect(greeting(page)).toHaveText('Hi, Priya');
    await signOut(page);
  } finally {
    await setStyle('configured');
  }
  await page.goto('/ops/health');
  await expect(page.getByTestId('health-ultra')).toContainText(`credentials accepted; ${says[configured]}`);
});

/**
 * docs/partners/ultra.md#identity-token-change: a new Flipkart mobile number is a new identity token, so a
 * new customer here; the earlier orders stay with the earlier record and My orders says so.
 */
test('Sam changes the mobile number of his Flipkart account: he signs in as a new customer and My orders says where his order went', async ({
  page,
}) => {
  await resetSandbox(page);
  await page.goto('/ops/sandbox');
  const testOrder = page.getByRole('region', { name: 'Test order (payment skipped)' });
  await testOrder.getByLabel('Persona').selectOption('sam');
  await testOrder.getByLabel('Product').selectOption('kids-family');
  await testOrder.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/ops\/orders\/SP-/);
  const orderId = page.url().split('/').pop()!;

  const signInAsSam = async () => {
    await page.goto('/');
    const sheet = await openSheet(page);
    await choosePersona(sheet, 'sam');
    await sheet.getByRole('button', { name: 'Allow' }).click();
    await expect(greeting(page)).toHaveText('Hi there');
  };
  await signInAsSam();
  await page.goto('/orders');
  await expect(page.getByTestId('paid-orders')).toContainText(orderId);
  await signOut(page);

  const change = async (mobile: string) => {
    await page.goto('/ops/sandbox');
    const section = page.getByRole('region', { name: 'Flipkart mobile number change' });
    await section.getByLabel('Persona').selectOption('sam');
    await section.getByLabel('New mobile (empty: the original)').fill(mobile);
    await section.getByRole('button', { name: 'Change' }).click();
    await expect(page.getByRole('status')).toContainText('Mobile number saved');
  };
  await change('9000000003');
  try {
    await expect(page.getByTestId('changed-mobiles')).toContainText('sam → 9000000003');
    await signInAsSam();
    await page.goto('/orders');
    await expect(page.getByTestId('no-orders')).toBeVisible();
    await expect(page.getByText(orderId)).toHaveCount(0);
    await expect(page.getByTestId('changed-mobile-note')).toHaveText(
      'Changed the mobile number of your Flipkart account? Orders placed before that stay with your earlier sign-in and are not listed here. Give support the order reference (SP-…, also shown in Flipkart’s My Orders) and we will help.',
    );
    await expectNoSeriousA11yViolations(page);
    await signOut(page);
  } finally {
    await change('');
  }
  await expect(page.getByTestId('changed-mobiles')).toContainText('No persona has changed theirs.');
  // The original number is the original identity token again: the order is back.
  await signInAsSam();
  await page.goto('/orders');
  await expect(page.getByTestId('paid-orders')).toContainText(orderId);
  await signOut(page);
});
