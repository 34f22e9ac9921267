import { expect, type Page } from '@playwright/test';
import { payVerified, WIDGET } from './flexiti-widget';
import { continueWithFlipkart } from './sign-in';

/** Buys a plan through the real checkout as Priya with her Flexiti account (verified purchase); returns the order id. */
export async function buyWithFlexitiAccount(page: Page, slug: string): Promise<string> {
  await page.goto(`/checkout/${slug}`);
  await continueWithFlipkart(page, 'priya');
  await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
  await page.getByRole('radio', { name: 'Account number' }).check();
  await page.getByLabel('Flexiti account number').fill('20009100');
  await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
  await payVerified(page.frameLocator(WIDGET));
  await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/);
  return page.url().split('/').pop()!;
}
