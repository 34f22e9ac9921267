import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { docsScreenshot } from './support/docs';
import { continueWithFlipkart } from './support/sign-in';

/**
 * Every store page, in English and in French, has no serious or critical axe violation, and
 * every link and button in the store is a 44 px touch target (order pages: customer-orders.spec.ts
 * and french.spec.ts).
 */

const SIGNED_OUT = ['/', '/products/premium-monthly', '/sign-in', '/checkout/premium-monthly', '/watch'];
const SIGNED_IN = ['/checkout/premium-monthly', '/orders', '/account'];

/** Links and buttons under 44 px in either direction (inline links in running text excepted). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('header a, header button, main a, main button, main input[type=radio]')]
      .filter((el) => el.offsetParent !== null && !el.closest('p, li:not([data-testid])'))
      .filter((el) => {
        const target = el.closest('label') ?? el;
        const r = target.getBoundingClientRect();
        return r.height < 44 || r.width < 44;
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`),
  );
}

async function checkPage(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await expectNoSeriousA11yViolations(page);
  expect(await smallTargets(page), `${path}: touch targets under 44 px`).toEqual([]);
}

for (const { lang, locale, signIn, english } of [
  { lang: 'en', locale: 'en-CA', signIn: 'Continue with Flipkart', english: true },
  { lang: 'fr', locale: 'fr-CA', signIn: 'Continuer avec Flipkart', english: false },
]) {
  test.describe(`store pages in ${lang}`, () => {
    test.use({ locale });

    test(`signed out: axe and touch targets (${lang})`, async ({ page }) => {
      for (const path of SIGNED_OUT) {
        await checkPage(page, path);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
      }
      if (english) {
        await page.goto('/');
        await docsScreenshot(page, 'catalog');
      }
      const res = await page.goto('/products/no-such-plan');
      expect(res?.status()).toBe(404);
      await expectNoSeriousA11yViolations(page);
    });

    test(`signed in: axe and touch targets (${lang})`, async ({ page }) => {
      await page.goto('/sign-in');
      await continueWithFlipkart(page, 'priya', { button: signIn });
      // A returning customer gets their saved language back; choose this pass's language.
      if ((await page.locator('html').getAttribute('lang')) !== lang) {
        await page
          .getByRole('banner')
          .getByRole('button', { name: english ? 'English' : 'Français' })
          .click();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
      }
      for (const path of SIGNED_IN) await checkPage(page, path);
      if (english) {
        await page.goto('/checkout/premium-monthly');
        await page.getByRole('radio', { name: 'Account number' }).check();
        await page.getByLabel('Flexiti account number').fill('20009100');
        await docsScreenshot(page, 'checkout');
      } else {
        // Leave Priya's saved language as other specs expect it.
        await page.getByRole('banner').getByRole('button', { name: 'English' }).click();
        await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      }
    });
  });
}
