import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';
import { TOUR_STEPS } from '../lib/sandbox/demo/tour';
import { PERSONAS } from '../lib/sandbox/ultra/personas';
import { buyWithFlexitiAccount } from './support/checkout';

/**
 * The sales demo tour on a laptop screen: persona picker, then the four steps with the
 * real store in a frame and the live sequence diagram beside it. Sign-in happens for real inside
 * the frame, and the diagram picks up Flipkart's calls without a reload.
 */
// A 1366×800 laptop (the screen sales demo on); deviceScaleFactor 1 keeps the docs/ pictures small.
test.use({ viewport: { width: 1366, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

/** `DOCS_SCREENSHOTS=1`: the tour as the laptop shows it, into docs/<name>.png. */
async function laptopShot(page: Page, name: string) {
  if (process.env.DOCS_SCREENSHOTS === '1') await page.screenshot({ path: `docs/${name}.png` });
}

/** Step 1 done in the store frame: Continue with Flipkart, the sheet already on the persona, Allow. */
async function signInInFrame(page: Page, personaId: string, firstName: string) {
  const store = page.frameLocator('[data-testid="tour-store"]');
  await store.getByRole('banner').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  const sheet = store.frameLocator('[data-testid="flipkart-consent-frame"]');
  await expect(sheet.getByLabel('Signed-in Flipkart customer')).toHaveValue(personaId);
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await expect(store.getByRole('banner').getByTestId('account-name')).toHaveText(`Hi, ${firstName}`);
}

// The store frame's pages are checked by their own specs; here the tour's own page is.
const A11Y = { exclude: ['[data-testid="tour-store"]'] };

/** The ops console's sandbox reset (the clock moved, for whoever runs next). */
async function resetSandbox(page: Page) {
  await page.goto('/ops/sign-in');
  const name = (await page.getByTestId('demo-staff-name').textContent())!.trim();
  const password = (await page.getByTestId('demo-staff-password').textContent())!.trim();
  await page.getByLabel('Staff name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('ops-staff-name')).toHaveText(name);
  await page.goto('/ops/sandbox');
  await expect(page.getByTestId('clock-offset')).toContainText(/is [1-9]\d* day\(s\) ahead/);
  await page.getByLabel('Type RESET to confirm').fill('RESET');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('clock-offset')).toContainText('is 0 day(s) ahead');
}

/** The next step, which says what sandbox data to use in it. */
async function next(page: Page, title: string) {
  await page.getByRole('link', { name: `Next: ${title} →` }).click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('tour-data').getByRole('listitem').first()).toBeVisible();
}

test('a salesperson runs the tour from the persona picker to the end', async ({ page }) => {
  await page.goto('/demo');
  await expect(page.getByRole('heading', { name: /on Flipkart, end to end/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByTestId('persona-priya').click();

  // Step 1: sign in inside the store frame, through the real SDK and the sandbox consent sheet.
  await expect(page.getByRole('heading', { name: 'Sign in with Flipkart', level: 1 })).toBeVisible();
  await expect(page.getByTestId('tour-step')).toContainText('The Flipkart sheet opens on Priya Sharma: tap Allow.');
  await expect(page.getByTestId('tour-data')).toContainText('Priya Sharma (happy path)');
  await expect(page.getByTestId('tour-call-count')).toHaveText('(0 calls since the tour started)');
  await expectNoSeriousA11yViolations(page, A11Y);

  await signInInFrame(page, 'priya', 'Priya');

  // The live diagram refreshes by itself and shows the grant exchange with Flipkart.
  await expect(page.getByRole('link', { name: /^GET \/1\/authorization\/auth 200 · \d+ ms$/ })).toBeVisible();
  await expect(page.getByTestId('tour-call-count')).not.toHaveText('(0 calls since the tour started)');
  if (process.env.DOCS_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/demo-tour.png' });

  // Steps 2–4: each explains itself and shows the matching store page.
  await next(page, 'Pay with Flexiti financing');
  await expect(page.getByTestId('tour-store')).toHaveAttribute('src', /^\/products\//);
  await expectNoSeriousA11yViolations(page, A11Y);
  await next(page, 'Provision the plan on OpenTV');
  await expect(page.getByTestId('tour-store')).toHaveAttribute('src', '/orders');
  await next(page, 'Fulfilment on Flipkart');
  await page.getByRole('button', { name: 'Move the sandbox clock past the return window' }).click();
  await expect(page.getByTestId('clock-moved')).toBeVisible();
  await expect(page.getByTestId('tour-store')).toHaveAttribute('src', '/sandbox/ultra/oms/my-orders?persona=priya');
  await expectNoSeriousA11yViolations(page, A11Y);

  await page.getByTestId('tour-finish').click();
  await expect(page).toHaveURL(/\/demo$/);

  // Put the sandbox back for whoever runs next (the clock moved).
  await resetSandbox(page);
});

test('a second (and third) run works from any state: a new persona signs the last one out, the sheet opens on them', async ({
  page,
}) => {
  // Run 1 as Priya, left signed in (as a presenter leaves it).
  await page.goto('/demo');
  await page.getByTestId('persona-priya').click();
  await signInInFrame(page, 'priya', 'Priya');

  // Run 2 as Arjun in the same browser: the store starts signed out, the sheet on Arjun.
  await page.goto('/demo');
  await page.getByTestId('persona-arjun').click();
  await expect(page.getByTestId('tour-persona')).toHaveText('Playing Arjun Mehta');
  await expect(page.getByTestId('tour-step')).toContainText('The Flipkart sheet opens on Arjun Mehta');
  await expect(page.getByTestId('tour-switch')).toHaveCount(0);
  await expect(page.getByTestId('tour-call-count')).toHaveText('(0 calls since the tour started)');
  await signInInFrame(page, 'arjun', 'Arjun');
  await expect(page.getByRole('link', { name: /^GET \/1\/authorization\/auth 200 · \d+ ms$/ })).toBeVisible();
  await expect(page.getByTestId('tour-call-count')).not.toHaveText('(0 calls since the tour started)');
  await expectNoSeriousA11yViolations(page, A11Y);
  await laptopShot(page, 'tour-second-run-arjun');

  // Run 3 as Priya by link (no sign-out on a GET): the step offers the switch instead.
  await page.goto('/demo/start?persona=priya');
  await expect(page.getByTestId('tour-switch')).toContainText(
    'The store is signed in as Arjun Mehta, not Priya Sharma.',
  );
  await expectNoSeriousA11yViolations(page, A11Y);
  await page.getByRole('button', { name: 'Sign out and play Priya Sharma' }).click();
  await expect(page.getByTestId('tour-switch')).toHaveCount(0);
  await signInInFrame(page, 'priya', 'Priya');
});

test('an unknown persona or a missing start time is a clear 400/404, not a broken tour', async ({ page }) => {
  const bad = await page.request.get('/demo/start?persona=nobody', { maxRedirects: 0 });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toBe('persona: no persona "nobody"');
  expect((await page.goto('/demo/tour/sign-in?persona=priya'))?.status()).toBe(404);
  expect((await page.goto(`/demo/tour/checkout?persona=priya&since=${Date.now()}`))?.status()).toBe(404);
});

test('the tour draws the current order: labelled OMS reports, OpenTV’s activation webhook, My Orders updating itself', async ({
  page,
  context,
}) => {
  test.slow(); // a whole purchase, its activation, the clock and a sandbox reset: over a minute on a busy machine
  await page.goto('/demo');
  await page.getByTestId('persona-priya').click();
  await expect(page.getByRole('heading', { name: 'Sign in with Flipkart', level: 1 })).toBeVisible();
  await next(page, 'Pay with Flexiti financing');
  // The step says which sandbox data to use.
  await expect(page.getByTestId('tour-data')).toContainText('20009100');
  await expect(page.getByTestId('tour-data')).toContainText('PIN 2222');
  await expect(page.getByTestId('tour-data')).toContainText('1990-04-12');

  // The customer buys (in another tab of the same browser, quicker than through the frame).
  const shop = await context.newPage();
  const orderId = await buyWithFlexitiAccount(shop, 'mobile-monthly');
  await next(page, 'Provision the plan on OpenTV');
  await expect(page.getByTestId('tour-order')).toContainText(orderId);
  const confirmed = page.getByRole('link', { name: /^POST \/3\/oms · ORDER_CONFIRMED 200 · \d+ ms$/ });
  await expect(confirmed).toBeVisible();

  // Activation on OpenTV's page: OpenTV calls the store's webhook, drawn from OpenTV to the store.
  const activation = (await shop
    .getByRole('link', { name: /Activate/ })
    .first()
    .getAttribute('href'))!;
  await shop.goto(activation);
  await expect(shop.getByTestId('activation-why')).toContainText('Bango runs sign-up for OpenTV');
  await shop.getByRole('button', { name: 'Activate' }).click();
  await expect(shop.getByTestId('entitlement-status')).toHaveAttribute('data-status', 'ACTIVE');
  const webhook = page.locator('[data-testid="diagram-event"][data-from="opentv"]');
  await expect(webhook).toContainText('webhook: activated → ACTIVE');
  // On the 1366×800 laptop, without scrolling the page: the webhook arrow and the lane names are in view.
  await page.bringToFront();
  await expect(webhook).toBeInViewport();
  await expect(page.getByTestId('diagram-lanes')).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // No reconcile look-up after a payment Flexiti answered: every arrow is one a step explains.
  await expect(page.getByTestId('diagram-call').filter({ hasText: '/authorizations' })).toHaveCount(0);
  await laptopShot(page, 'tour-step3-webhook');

  // Every arrow's accessible name is its visible text.
  const arrows = page.getByTestId('diagram-call');
  for (const arrow of await arrows.all()) {
    const visible = await arrow.locator('text').allTextContents();
    expect(await arrow.getAttribute('aria-label')).toBe(visible.join(' '));
  }
  await expectNoSeriousA11yViolations(page, A11Y);

  // Fulfilment: Flipkart's My Orders in the frame moves from Confirmed to Fulfilled by itself.
  await next(page, 'Fulfilment on Flipkart');
  const store = page.frameLocator('[data-testid="tour-store"]');
  const mine = store.getByTestId('oms-order').filter({ hasText: orderId });
  await expect(mine).toContainText('Confirmed');
  await page.getByRole('button', { name: 'Move the sandbox clock past the return window' }).click();
  await expect(page.getByTestId('clock-moved')).toBeVisible();
  await expect(page.getByRole('link', { name: /^POST \/3\/oms · ORDER_FULFILLED 200 · \d+ ms$/ })).toBeVisible();
  await expect(mine).toContainText('Fulfilled');
  // No red call on the happy path: the tokens were renewed when the clock moved (no 401), and no
  // reconcile look-up became due with the clock (the payment's answer was definite).
  await expect(page.locator('[data-testid="diagram-call"][data-failed="true"]')).toHaveCount(0);
  await expect(page.getByTestId('diagram-call').filter({ hasText: '/authorizations' })).toHaveCount(0);
  // Flipkart stamped the fulfilment on the moved clock, and says so.
  await expect(mine.getByTestId('sandbox-clock-mark')).toContainText(`sandbox clock +`);
  // The newest arrow is in view: the diagram's box is scrolled to its end.
  const box = page.getByTestId('diagram-scroll');
  await expect
    .poll(() => box.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop))
    .toBeLessThanOrEqual(1);
  await expectNoSeriousA11yViolations(page, A11Y);

  await shop.close();
  await resetSandbox(page);
});

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

test('a presenter walks the whole tour inside the store frame, typing like a person: timed for the README', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const marks: [string, number][] = [];
  const t0 = Date.now();
  const mark = (what: string) => marks.push([what, (Date.now() - t0) / 1000]);
  const type = (loc: ReturnType<Page['locator']>, text: string) => loc.pressSequentially(text, { delay: 160 });

  await page.goto('/demo');
  await page.getByTestId('persona-priya').click();
  await expect(page.getByRole('heading', { name: 'Sign in with Flipkart', level: 1 })).toBeVisible();
  mark('step 1 shown');
  const store = page.frameLocator('[data-testid="tour-store"]');
  await store.getByRole('banner').getByRole('button', { name: 'Continue with Flipkart', exact: true }).click();
  const sheet = store.frameLocator('[data-testid="flipkart-consent-frame"]');
  await sheet.getByRole('button', { name: 'Allow' }).click();
  await expect(store.getByRole('banner').getByTestId('account-name')).toHaveText('Hi, Priya');
  await expect(page.getByRole('link', { name: /^GET \/1\/authorization\/auth 200/ })).toBeVisible();
  mark('signed in, arrows drawn');

  await page.getByRole('link', { name: 'Next: Pay with Flexiti financing →' }).click();
  await expect(page.getByRole('heading', { name: 'Pay with Flexiti financing', level: 1 })).toBeVisible();
  mark('step 2 shown');
  await store
    .getByRole('link', { name: /Buy now/ })
    .first()
    .click();
  await store.getByRole('radio', { name: /Use my Flexiti account/ }).check();
  await store.getByRole('radio', { name: 'Account number' }).check();
  await type(store.getByLabel('Flexiti account number'), '20009100');
  await store.getByRole('button', { name: 'Continue to Flexiti' }).click();
  const widget = store.frameLocator('iframe[title="Flexiti"]');
  await widget.getByRole('button', { name: 'Continue' }).click();
  await type(widget.getByLabel('PIN', { exact: true }), '2222');
  await widget.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('link', { name: /^POST \/v2\.5\.1\/authorization 200/ })).toBeVisible();
  mark('paid, arrows drawn');

  await page.getByRole('link', { name: 'Next: Provision the plan on OpenTV →' }).click();
  await expect(page.getByRole('heading', { name: 'Provision the plan on OpenTV', level: 1 })).toBeVisible();
  mark('step 3 shown');
  await store
    .getByRole('link', { name: /SP-|View|Premium|Mobile|Super/ })
    .first()
    .click();
  const activate = store.getByRole('link', { name: 'Activate your plan' });
  await expect(activate).toBeVisible({ timeout: 30_000 });
  await activate.click();
  await store.getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('[data-testid="diagram-event"][data-from="opentv"]')).toContainText('webhook: activated');
  mark('activated, webhook drawn');

  await page.getByRole('link', { name: 'Next: Fulfilment on Flipkart →' }).click();
  await expect(page.getByRole('heading', { name: 'Fulfilment on Flipkart', level: 1 })).toBeVisible();
  mark('step 4 shown');
  await page.getByRole('button', { name: 'Move the sandbox clock past the return window' }).click();
  await expect(page.getByTestId('clock-moved')).toBeVisible();
  await expect(store.getByTestId('oms-order').first()).toContainText('Fulfilled', { timeout: 30_000 });
  mark('My Orders fulfilled');
  await page.getByTestId('tour-finish').click();
  mark('finished');

  const read = {
    demo: words(
      'Play a Flipkart customer buying a streaming plan. The real store runs on the left; on the right, a live sequence diagram shows every call the store makes to Flipkart, Flexiti and OpenTV (here their built-in sandboxes), and what each answered.',
    ),
    steps: TOUR_STEPS.map((s) => ({
      id: s.id,
      words: words(s.title) + words(s.todo.replace('{persona}', PERSONAS[0]!.label)) + words(s.behind),
      dataWords: s.data.map(words).reduce((a, b) => a + b, 0),
    })),
  };
  // README "Demo tour": the machine part of a presenter's run, beside the words read aloud.
  console.log(JSON.stringify({ marks, read }, null, 2));
  await resetSandbox(page);
});
