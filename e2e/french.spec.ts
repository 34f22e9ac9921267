import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { docsScreenshot } from './support/docs';
import { expectScenario, finish, TEST_PIN, WIDGET } from './support/flexiti-widget';
import { continueWithFlipkart } from './support/sign-in';
import { resetSandboxFirst } from './support/staff';

/**
 * The storefront in French: Accept-Language picks it, the header switch changes it and
 * the choice is remembered, sign-in and checkout run in French, and Flexiti opens in French.
 */

// Personas that hold no plan yet: Priya buys Premium below (docs/refund-policy.md#one-live-plan).
test.beforeAll(resetSandboxFirst);

test.describe('a French-speaking browser', () => {
  test.use({ locale: 'fr-CA' });

  test('gets the store in French by default, with Canadian French money', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regardez tout. Payez à votre rythme.');
    const plans = page.getByRole('region', { name: 'Forfaits' }).getByRole('listitem');
    // Descriptive product names are French; the tier names (Mobile, Super, Premium) are brand names.
    await expect(plans.filter({ hasText: 'Premium annuel' })).toContainText('149,99 $ pour 365 jours');
    await expect(plans.filter({ hasText: 'Premium annuel' })).toContainText('Premium pour un an : deux mois gratuits.');
    const addons = page.getByRole('region', { name: 'Options' });
    for (const name of ['Sports en direct', 'Enfants et famille', 'Cinéma régional']) {
      await expect(addons.getByRole('heading', { name })).toBeVisible();
    }
    await expect(page.locator('main')).not.toContainText(/Annual|Live Sports|Kids & Family|Regional Cinema/);
  });

  test('signs in in French, with the French messages of the Flipkart sign-in', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Ce que nous demandons à Flipkart' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    // Closing the Flipkart sheet: the message and its retry are in French.
    await page.getByRole('main').getByRole('button', { name: 'Continuer avec Flipkart', exact: true }).click();
    const sheet = page.frameLocator('[data-testid="flipkart-consent-frame"]');
    await sheet
      .getByRole('button', { name: /close|fermer/i })
      .first()
      .click();
    await expect(page.getByTestId('sign-in-message')).toContainText('Vous avez fermé la fenêtre Flipkart');
    await page.getByTestId('sign-in-message').getByRole('button', { name: 'Réessayer' }).click();
    // Flipkart's sheet speaks the store's language: not one English word a customer reads.
    const dialog = sheet.getByRole('dialog', { name: 'StreamPlus demande l’accès à vos coordonnées et à votre nom' });
    await expect(dialog).toBeVisible();
    await sheet.getByLabel('Client Flipkart connecté').selectOption('priya');
    await expect(dialog).toContainText('Cellulaire et courriel vérifiés');
    await expect(dialog.getByRole('switch', { name: 'Partager : adresse courriel' })).toBeChecked();
    await expect(dialog).toContainText('Vos données de carte et bancaires ne sont jamais transmises.');
    for (const english of ['Allow', 'Deny', 'Signed-in', 'needs access', 'verified ', 'Mobile number', 'Sandbox']) {
      await expect(dialog).not.toContainText(english);
    }
    await expect(sheet.getByRole('button', { name: 'Refuser' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await docsScreenshot(page, 'consent-sheet-fr', undefined, { scroll: false });
    await sheet.getByRole('button', { name: 'Autoriser' }).click();
    await expect(page.getByRole('banner').getByTestId('account-name')).toHaveText('Bonjour, Priya');
    await expect(page.getByRole('banner').getByRole('link', { name: 'Mes commandes' })).toBeVisible();
  });

  test('the checkout form says what is wrong in French, in the browser and in the server’s answer', async ({
    page,
  }) => {
    await page.goto('/checkout/premium-monthly');
    await continueWithFlipkart(page, 'sam', { button: 'Continuer avec Flipkart' });
    // A returning customer gets their saved language back; this test is about French.
    if ((await page.locator('html').getAttribute('lang')) !== 'fr') {
      await page.getByRole('banner').getByRole('button', { name: 'Français' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    }
    const submit = page.getByRole('button', { name: 'Continuer vers Flexiti' });
    await page.getByRole('radio', { name: /Utiliser mon compte Flexiti/ }).check();
    await page.getByRole('radio', { name: 'Numéro de compte' }).check();
    await page.getByLabel('Numéro de compte Flexiti').fill('12ab');
    await submit.click();
    await expect(page.getByTestId('error-accountNumber')).toHaveText('Un numéro de compte a au plus 14 chiffres');
    await expect(page.getByLabel('Numéro de compte Flexiti')).toBeFocused();

    await page.getByRole('radio', { name: /Demander un financement Flexiti/ }).check();
    await page.getByLabel('Prénom').fill('');
    await page.getByLabel('Date de naissance').fill('2999-01-01');
    await page.getByLabel('Adresse courriel').fill('pas-un-courriel');
    await submit.click();
    await expect(page.getByTestId('error-firstName')).toHaveText('Entrez votre prénom');
    await expect(page.getByTestId('error-dateOfBirth')).toHaveText('Entrez une date de naissance passée');
    await expect(page.getByLabel('Province ou territoire').locator('option[value="QC"]')).toHaveText('Québec');
    await expect(page.getByTestId('error-email')).toHaveText('Entrez une adresse courriel comme nom@exemple.com');
    await expect(page.getByTestId('error-province')).toHaveText('Choisissez votre province ou territoire');
    await expect(page.getByTestId('error-agreeToTerms')).toHaveText(
      'Acceptez l’entente du titulaire de carte Flexiti pour faire une demande',
    );
    await expectNoSeriousA11yViolations(page);

    // The server parses the form again with the same schema and answers in French too: a request
    // changed after the browser checked it (as a script could send it) is refused field by field.
    await page.route('**/checkout/premium-monthly', async (route) => {
      const req = route.request();
      if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
      await route.continue({ postData: req.postData()!.replace('"20009100"', '"2000x100"') });
    });
    await page.getByRole('radio', { name: /Utiliser mon compte Flexiti/ }).check();
    await page.getByLabel('Numéro de compte Flexiti').fill('20009100');
    await submit.click();
    await expect(page.getByTestId('error-accountNumber')).toHaveText('Un numéro de compte a au plus 14 chiffres');
    await expect(page.locator(WIDGET)).toHaveCount(0);
    await page.unrouteAll();

    // Leave Sam's saved language as other specs expect it.
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

async function payInFrench(page: Page) {
  await page.getByRole('radio', { name: /Utiliser mon compte Flexiti/ }).check();
  await page.getByRole('radio', { name: 'Numéro de compte' }).check();
  await page.getByLabel('Numéro de compte Flexiti').fill('20009100');
  await expectNoSeriousA11yViolations(page);
  await docsScreenshot(page, 'checkout-fr');
  // Closing Flexiti's window: the store's notice is in French, in view and focused.
  await page.getByRole('button', { name: 'Continuer vers Flexiti' }).click();
  await page.frameLocator(WIDGET).getByRole('button', { name: 'Annuler' }).click();
  const notice = page.getByTestId('checkout-notice');
  await expect(notice).toHaveText(
    'Vous avez fermé la fenêtre Flexiti. Rien ne vous a été facturé; vos renseignements sont toujours là.',
  );
  await expect(notice).toBeFocused();
  await expect(notice).toBeInViewport();
  await page.getByRole('button', { name: 'Continuer vers Flexiti' }).click();
  // Flexiti got the store's language in widget/init: its widget speaks French.
  const w = page.frameLocator(WIDGET);
  await expectScenario(w, /Achat vérifié/);
  await finish(w, { pin: TEST_PIN, continueLabel: 'Continuer', pinLabel: 'NIP' });
}

test('the language switch turns the store French, remembers it, and the checkout and Flexiti follow', async ({
  page,
}) => {
  await page.goto('/products/premium-monthly');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('banner').getByRole('button', { name: 'Français' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('link', { name: 'Acheter' })).toBeVisible();
  await expect(page.getByTestId('price')).toHaveText('14,99 $ · 30 jours');
  await expect(page.getByTestId('term')).toHaveText('30 jours de Premium');

  await page.getByRole('link', { name: 'Acheter' }).click();
  await expect(page.getByRole('heading', { name: 'Connectez-vous pour payer' })).toBeVisible();
  await continueWithFlipkart(page, 'priya', { button: 'Continuer avec Flipkart' });
  await expect(page.getByRole('group', { name: 'Comment voulez-vous payer?' })).toBeVisible();
  await payInFrench(page);

  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  await expect(page.getByTestId('order-placed')).toContainText('Commande passée');
  await expect(page.getByTestId('order-placed')).toContainText('14,99 $');
  await expect(page.getByTestId('order-state')).toHaveText('Payée, activation à faire');
  await expect(page.getByTestId('order-history')).toContainText('Flexiti a approuvé le paiement');
  await expectNoSeriousA11yViolations(page);

  // Cancelling asks first, in French and accessibly; keeping the plan changes nothing.
  await page.getByTestId('fulfilment-panel').getByRole('button', { name: 'Annuler la commande' }).click();
  const dialog = page.getByRole('dialog', { name: 'Annuler cette commande?' });
  await expect(dialog).toContainText('14,99 $ retourne sur le compte Flexiti utilisé pour payer.');
  await expect(dialog.getByRole('button', { name: 'Garder mon forfait' })).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await dialog.getByRole('button', { name: 'Garder mon forfait' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('order-state')).toHaveText('Payée, activation à faire');

  // OpenTV's activation page (Bango) speaks French too, and leads back to the order.
  const orderUrl = page.url();
  await page.getByRole('link', { name: 'Activer votre forfait' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Activer / })).toBeVisible();
  await expect(page.getByTestId('activation-why')).toContainText('Vous avez déjà payé dans la boutique');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Activer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Votre forfait est actif' })).toBeVisible();
  await page.getByRole('link', { name: 'Retour à StreamPlus' }).click();
  await expect(page).toHaveURL(orderUrl);

  // Remembered: a new visit (same browser) is still in French, and so is the next checkout.
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stream everything. Pay over time.');
});

test('the choice is saved on the customer: a new device signs in and gets French back', async ({ browser }) => {
  const first = await browser.newContext({ locale: 'en-CA' });
  const page = await first.newPage();
  await page.goto('/sign-in');
  await continueWithFlipkart(page, 'arjun');
  await page.getByRole('banner').getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('banner').getByTestId('account-name')).toHaveText('Bonjour, Arjun');
  await first.close();

  const second = await browser.newContext({ locale: 'en-CA' });
  const other = await second.newPage();
  await other.goto('/sign-in');
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  await continueWithFlipkart(other, 'arjun');
  await expect(other.getByRole('banner').getByTestId('account-name')).toHaveText('Bonjour, Arjun');
  await expect(other.locator('html')).toHaveAttribute('lang', 'fr');
  // Back to English, so Arjun's record is as other specs expect it.
  await other.getByRole('banner').getByRole('button', { name: 'English' }).click();
  await expect(other.getByRole('banner').getByTestId('account-name')).toHaveText('Hi, Arjun');
  await second.close();
});
