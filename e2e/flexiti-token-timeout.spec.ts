import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { payVerified, WIDGET } from './support/flexiti-widget';
import { continueWithFlipkart } from './support/sign-in';
import { signInAsStaff } from './support/staff';

/**
 * A customer slower than the Flexiti flow's token (docs/partners/flexiti.md#flow-token): the
 * checkout warns before the time runs out, then ends the flow as "timed out, nothing charged,
 * start again" (never "payment failed"), Flexiti authorizes nothing for it, and one tap starts a
 * new flow with a new token that pays. The sandbox's customer tokens live a few seconds here.
 */

const TOKEN_SECONDS = 8;

async function setFlexitiSandbox(page: Page, options: Record<string, unknown>) {
  const res = await page.request.put('/sandbox/options/flexiti', { data: options });
  expect(res.status(), await res.text()).toBe(200);
}

test.afterEach(async ({ page }) => {
  await setFlexitiSandbox(page, { customerTokenSeconds: null });
});

test('a customer slower than the token: warned, then "timed out, nothing charged", and one tap starts a flow that pays', async ({
  page,
}) => {
  await signInAsStaff(page);
  await setFlexitiSandbox(page, { customerTokenSeconds: TOKEN_SECONDS });

  await page.goto('/checkout/kids-family');
  await continueWithFlipkart(page, 'priya');
  await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
  await page.getByRole('radio', { name: 'Account number' }).check();
  await page.getByLabel('Flexiti account number').fill('20009100');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  const widget = page.frameLocator(WIDGET);
  await expect(widget.getByRole('button', { name: 'Continue' })).toBeVisible();

  // The customer pauses (reading, waiting for the SMS). First the warning, while the window is open…
  const warning = page.getByTestId('checkout-time-warning');
  await expect(warning).toHaveText(
    'Less than 1 minute left to finish in the Flexiti window. If the time runs out, nothing is charged and you can start again.',
    { timeout: TOKEN_SECONDS * 1000 },
  );
  await expect(page.locator(WIDGET)).toBeVisible();

  // …then the time-out, in place of the window: what the customer reads, and no "payment failed".
  const notice = page.getByTestId('checkout-notice');
  await expect(notice).toContainText(
    'This Flexiti session timed out before the payment was made. Nothing was charged. Start again to open a new Flexiti window; your details are still here.',
    { timeout: TOKEN_SECONDS * 1000 },
  );
  await expect(page.locator(WIDGET)).toHaveCount(0);
  await expect(page.getByText(/payment failed|could not take the payment/i)).toHaveCount(0);
  await expect(page.getByLabel('Flexiti account number')).toHaveValue('20009100');

  // One tap: a new flow with a new token (Flexiti's full 20 minutes again), which pays.
  await setFlexitiSandbox(page, { customerTokenSeconds: null });
  await notice.getByRole('button', { name: 'Start again' }).click();
  await payVerified(page.frameLocator(WIDGET));
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  const orderId = page.url().split('/').pop()!;
  await expect(page.getByTestId('order-history')).toContainText('The Flexiti session timed out; nothing was charged');

  // Nothing was authorized for the timed-out flow: its time-out is on the order, and the only
  // /authorization is the new flow's (the order may hold windows from earlier visits too).
  await page.goto(`/ops/orders/${orderId}`);
  await expect(page.getByText('flexiti.flow_expired', { exact: true })).toBeVisible();
  expect(
    await page.getByRole('link', { name: /^POST \/v2\.5\/widget\/init 200 · \d+ ms$/ }).count(),
  ).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole('link', { name: /\/authorization / })).toHaveCount(1);
  await expect(page.getByRole('link', { name: /^POST \/v2\.5\.1\/authorization 200 · \d+ ms$/ })).toHaveCount(1);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-CA' });

  test('the warning and the time-out are in French, with "Recommencer"', async ({ page }) => {
    await signInAsStaff(page);
    await setFlexitiSandbox(page, { customerTokenSeconds: TOKEN_SECONDS });
    await page.goto('/checkout/kids-family');
    await continueWithFlipkart(page, 'arjun', { button: 'Continuer avec Flipkart' });
    await page.getByRole('radio', { name: /Utiliser mon compte Flexiti/ }).check();
    await page.getByRole('radio', { name: 'Numéro de compte' }).check();
    await page.getByLabel('Numéro de compte Flexiti').fill('20009101');
    await page.getByRole('button', { name: 'Continuer vers Flexiti' }).click();
    await expect(page.locator(WIDGET)).toBeVisible();

    await expect(page.getByTestId('checkout-time-warning')).toHaveText(
      'Il reste moins de 1 minute pour terminer dans la fenêtre Flexiti. Si le temps est écoulé, rien ne vous est facturé et vous pourrez recommencer.',
      { timeout: TOKEN_SECONDS * 1000 },
    );
    const notice = page.getByTestId('checkout-notice');
    await expect(notice).toContainText(
      'Cette session Flexiti a expiré avant le paiement. Rien ne vous a été facturé. Recommencez pour ouvrir une nouvelle fenêtre Flexiti; vos renseignements sont toujours là.',
      { timeout: TOKEN_SECONDS * 1000 },
    );
    await expect(notice.getByRole('button', { name: 'Recommencer' })).toBeVisible();
    await expect(page.locator(WIDGET)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });
});
