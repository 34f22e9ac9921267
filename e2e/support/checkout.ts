import { expect, type Page } from '@playwright/test';
import { payVerified, WIDGET } from './flexiti-widget';
import { continueWithFlipkart } from './sign-in';

/** Buys a plan through the real checkout as Priya with her Flexiti account (verified purchase); returns the order id. */
export async function buyWithFlexitiAccount(page: Page, slug: string): Promise<string> {
  await page.goto(`/checkout/${slug}`);
  await continueWithFlipkart(page, 'priya');
  await openWidgetWithFlexitiAccount(page);
  await payVerified(page.frameLocator(WIDGET));
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  return page.url().split('/').pop()!;
}

/** On a signed-in checkout: pays with Priya's Flexiti account number, which opens the widget. */
export async function openWidgetWithFlexitiAccount(page: Page): Promise<void> {
  await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
  await page.getByRole('radio', { name: 'Account number' }).check();
  await page.getByLabel('Flexiti account number').fill('20009100');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
}
