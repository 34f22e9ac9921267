import { expect, type Page } from '@playwright/test';

/**
 * Signs in from the page's own "Continue with Flipkart" button (in <main>) through the sandbox
 * consent sheet, as one of the Ultra sandbox personas (lib/sandbox/ultra/personas.ts). The page
 * comes back to where it was (returnTo).
 */
export async function continueWithFlipkart(
  page: Page,
  persona: 'priya' | 'arjun' | 'sam' = 'priya',
  { button = 'Continue with Flipkart' }: { button?: string } = {},
) {
  await page.getByRole('main').getByRole('button', { name: button, exact: true }).click();
  const sheet = page.frameLocator('[data-testid="flipkart-consent-frame"]');
  // The sheet speaks the store page's language.
  await sheet.getByLabel(/^(Signed-in Flipkart customer|Client Flipkart connecté)$/).selectOption(persona);
  await sheet.getByRole('button', { name: /^(Allow|Autoriser)$/ }).click();
  await expect(page.getByRole('banner').getByTestId('account-name')).toBeVisible();
}
