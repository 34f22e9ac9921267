import { chromium, expect, type Page, type Response } from '@playwright/test';
import { payVerified, WIDGET } from '@/e2e/support/flexiti-widget';
import { continueWithFlipkart } from '@/e2e/support/sign-in';

/** One server action as the browser saw it: wall-clock start and end (ms since the epoch). */
export interface ActionSample {
  flow: 'sign-in' | 'checkout start' | 'checkout confirm';
  startMs: number;
  endMs: number;
}

/** The sign-in's request: a route handler, not a server action (lib/auth/sign-in.ts says why). */
const SIGN_IN_PATH = '/api/sign-in/flipkart';

/**
 * The store's actions answered while `step` runs (server actions: POSTs with a `next-action`
 * header; and the sign-in's POST): from the request to the answer's first byte (Next sends it once
 * the action has returned; the body may stream on).
 */
async function actionsDuring(page: Page, step: () => Promise<void>): Promise<{ startMs: number; endMs: number }[]> {
  const done: { startMs: number; endMs: number }[] = [];
  const onResponse = (res: Response) => {
    const req = res.request();
    // The store's own actions only, not those of the sandbox widget in its frame.
    const isAction = !!req.headers()['next-action'] || new URL(req.url()).pathname === SIGN_IN_PATH;
    if (req.method() !== 'POST' || !isAction || req.frame() !== page.mainFrame()) return;
    const t = req.timing();
    done.push({ startMs: t.startTime, endMs: t.startTime + t.responseStart });
  };
  page.on('response', onResponse);
  try {
    await step();
    // The page shows the outcome once the action has answered; the event may trail a moment.
    for (let i = 0; i < 100 && done.length === 0; i++) await page.waitForTimeout(50);
  } finally {
    page.off('response', onResponse);
  }
  return done;
}

function one(flow: ActionSample['flow'], found: { startMs: number; endMs: number }[]): ActionSample {
  if (found.length !== 1) throw new Error(`${flow}: expected one action, saw ${found.length}`);
  return { flow, ...found[0]! };
}

/**
 * A real customer in Chromium: signs in as `persona` through the sandbox consent sheet on the
 * checkout page, then pays with a Flexiti account (the e2e checkout path). Returns the three
 * server actions' timings; the partner calls they made are read from the call log afterwards.
 */
export async function signInAndCheckout(
  baseUrl: string,
  slug: string,
  persona: Parameters<typeof continueWithFlipkart>[1],
): Promise<ActionSample[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ baseURL: baseUrl, viewport: { width: 412, height: 915 } });
    page.setDefaultTimeout(30_000);
    await page.goto(`/checkout/${slug}`);
    // A customer takes seconds over each step; the robot would otherwise tap while the page's own
    // link prefetches are still being served, and time them as part of the action.
    await page.waitForLoadState('networkidle');
    const signIn = await actionsDuring(page, () => continueWithFlipkart(page, persona));
    await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
    await page.getByRole('radio', { name: 'Account number' }).check();
    await page.getByLabel('Flexiti account number').fill('20009100');
    await page.waitForLoadState('networkidle');
    const start = await actionsDuring(page, async () => {
      await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
      await expect(page.locator(WIDGET)).toBeVisible({ timeout: 30_000 });
    });
    const confirm = await actionsDuring(page, async () => {
      await payVerified(page.frameLocator(WIDGET));
      await expect(page).toHaveURL(/\/orders\/SP-[A-Z2-9]{10}$/, { timeout: 30_000 });
    });
    return [one('sign-in', signIn), one('checkout start', start), one('checkout confirm', confirm)];
  } finally {
    await browser.close();
  }
}

/**
 * A signed-in customer's session cookie (`Cookie` header value): Arjun signs in through the sandbox
 * consent sheet on `path`. The session row lives in the
 * database, so the cookie stays valid across the server's restarts.
 */
export async function signedInCookie(baseUrl: string, path: string): Promise<string> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await continueWithFlipkart(page, 'arjun');
    const cookies = await context.cookies(baseUrl);
    return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  } finally {
    await browser.close();
  }
}
