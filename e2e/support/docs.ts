import type { Page } from '@playwright/test';

/**
 * `DOCS_SCREENSHOTS=1 npm run test:e2e` refreshes the README's pictures (docs/<name>.png) from the
 * run itself: a 412×915 phone screen, from the top of the page.
 */
export async function docsScreenshot(page: Page, name: string) {
  if (process.env.DOCS_SCREENSHOTS !== '1') return;
  await page.setViewportSize({ width: 412, height: 915 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `docs/${name}.png` });
}
