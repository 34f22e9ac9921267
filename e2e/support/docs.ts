import type { Page } from '@playwright/test';

export const PHONE = { width: 412, height: 915 };
export const LAPTOP = { width: 1366, height: 800 };

/**
 * `DOCS_SCREENSHOTS=1 npm run test:e2e` refreshes the README's pictures (docs/<name>.png) from the
 * run itself: a 412×915 phone screen (or the size given), from the top of the page, or with
 * `scroll: false` as the page stands (a moment in the middle of a flow).
 */
export async function docsScreenshot(
  page: Page,
  name: string,
  size: { width: number; height: number } = PHONE,
  { scroll = true }: { scroll?: boolean } = {},
) {
  if (process.env.DOCS_SCREENSHOTS !== '1') return;
  const before = page.viewportSize();
  await page.setViewportSize(size);
  if (scroll) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `docs/${name}.png` });
  // A laptop shot puts the test's own screen back, so what follows runs as before.
  if (before && size !== PHONE) await page.setViewportSize(before);
}
