import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * One customer in Chromium: signs in with a Flipkart sandbox persona, buys plans through the real
 * checkout and the sandbox Flexiti widget, and does what a person would when something breaks:
 * reloads, comes back, buys again. It never pays twice on purpose: after an interrupted payment
 * it looks at its order first.
 */

// Kavya denies the e-mail scope at sign-in, which the checkout does not get past: not a buyer here.
export const PERSONAS = ['priya', 'arjun', 'sam'] as const;
const ORDER_URL = /\/orders\/(SP-[A-Z2-9]{10})$/;
const ORDER_ID = /SP-[A-Z2-9]{10}/;
const PAID = ['CONFIRMED', 'ACTIVE', 'FULFILLED'];
const SANDBOX_PIN = '2222';

export interface PurchaseResult {
  slug: string;
  outcome: 'paid' | 'cancelled' | 'gave-up';
  orderIds: string[];
  attempts: number;
}

/**
 * The store with SANDBOX=off (`--split`): the browser plays the Flipkart app around it (a user
 * agent with UltraSDK, the sandbox's bridge injected), and Flipkart's My Orders is the sandbox
 * instance's page.
 */
export interface FlipkartApp {
  userAgent: string;
  sandboxUrl: string;
  setUp(context: BrowserContext): Promise<void>;
}

export interface CustomerHooks {
  /** Queue faults for the steps about to happen (random, at the configured rate). */
  beforeSteps(steps: string[]): Promise<void>;
  /** Resolves once the instance answers again (after a kill). */
  ready(): Promise<void>;
  deadline: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Customer {
  private context!: BrowserContext;
  private page!: Page;
  private signedIn = false;
  /** Plans this customer held and cancelled to buy them again (one live plan per product). */
  heldCancelled = 0;

  constructor(
    readonly persona: (typeof PERSONAS)[number],
    private readonly baseUrl: string,
    private readonly hooks: CustomerHooks,
    private readonly app?: FlipkartApp,
  ) {}

  async open(browser: Browser): Promise<void> {
    this.context = await browser.newContext({
      baseURL: this.baseUrl,
      viewport: { width: 412, height: 915 },
      ...(this.app ? { userAgent: this.app.userAgent } : {}),
    });
    await this.app?.setUp(this.context);
    this.context.setDefaultTimeout(20_000);
    this.page = await this.context.newPage();
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
  }

  private async signIn(): Promise<void> {
    const page = this.page;
    const button = page.getByRole('main').getByRole('button', { name: 'Continue with Flipkart', exact: true });
    if (!(await button.isVisible().catch(() => false))) return;
    await button.click();
    const sheet = page.frameLocator('[data-testid="flipkart-consent-frame"]');
    await sheet.getByLabel('Signed-in Flipkart customer').selectOption(this.persona);
    await sheet.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('banner').getByTestId('account-name').waitFor();
    this.signedIn = true;
  }

  /**
   * Whether Flipkart's My Orders (the OMS sandbox's customer view) shows the order in that state.
   * The store's order page no longer shows what Flipkart was told, so the customer looks where a
   * Flipkart customer would.
   */
  private async flipkartShows(orderId: string, text: 'Confirmed' | 'Cancelled'): Promise<boolean> {
    await this.page.goto(`${this.app?.sandboxUrl ?? ''}/sandbox/ultra/oms/my-orders?persona=${this.persona}`);
    const row = this.page.getByTestId('oms-order').filter({ hasText: orderId });
    return (await row.count()) > 0 && ((await row.first().textContent()) ?? '').includes(text);
  }

  /** Reads the order page until the order is settled; reloads (the page also refreshes itself). */
  async waitSettled(
    orderId: string,
    wantCancel = false,
    until = this.hooks.deadline,
  ): Promise<'paid' | 'failed' | 'cancelled' | 'timeout'> {
    const page = this.page;
    while (Date.now() < until) {
      try {
        await this.hooks.ready();
        await page.goto(`/orders/${orderId}`);
        const state = await page.getByTestId('order-state').getAttribute('data-state');
        if (state === 'PAYMENT_FAILED' || state === 'CANCELLED_BY_CUSTOMER') return 'failed';
        if (state === 'CANCELLED') {
          const refund = await page.getByTestId('refund').getAttribute('data-status');
          if (refund === 'done' && (await this.flipkartShows(orderId, 'Cancelled'))) return 'cancelled';
        } else if (state && PAID.includes(state)) {
          const provisioning = await page.getByTestId('provisioning').getAttribute('data-status');
          if (
            (provisioning === 'PENDING' || provisioning === 'ACTIVE') &&
            (await this.flipkartShows(orderId, 'Confirmed'))
          ) {
            if (!wantCancel) return 'paid';
            await page.goto(`/orders/${orderId}`);
            await this.hooks.beforeSteps(['refund', 'opentv', 'oms']);
            await page.getByRole('button', { name: 'Cancel order' }).click();
            // The store asks first (what ends, what is refunded): confirm.
            await page
              .getByRole('dialog', { name: 'Cancel this order?' })
              .getByRole('button', { name: /^Yes, cancel/ })
              .click();
            wantCancel = false;
          }
        }
      } catch {
        // The server was killed under us, or the page was mid-refresh: look again.
      }
      await sleep(1_000);
    }
    return 'timeout';
  }

  /** Buys `slug` until it is paid (and, if asked, cancelled and refunded), or time runs out. */
  async purchase(slug: string, cancel: boolean): Promise<PurchaseResult> {
    const page = this.page;
    const orderIds: string[] = [];
    const done = (outcome: PurchaseResult['outcome'], attempts: number) => ({ slug, outcome, orderIds, attempts });
    for (let attempt = 1; attempt <= 8 && Date.now() < this.hooks.deadline; attempt++) {
      try {
        await this.hooks.ready();
        await page.goto(`/checkout/${slug}`);
        await this.signIn();
        await page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
        await page.getByRole('radio', { name: 'Account number' }).check();
        await page.getByLabel('Flexiti account number').fill('20009100');
        await this.hooks.beforeSteps(['widgetInit']);
        await page.getByRole('button', { name: 'Continue to Flexiti' }).click();
        const frame = page.locator('iframe[title="Flexiti"]');
        const notice = page.getByTestId('checkout-notice');
        await frame.or(notice).first().waitFor();
        if (await notice.isVisible()) {
          // e.g. "We are still confirming your last payment for this plan (order SP-…)", or "You
          // already have this plan (order SP-…)": one live plan per product. A person who wants
          // it again cancels the one they hold (refunded by the store's policy), then buys it.
          const text = (await notice.textContent()) ?? '';
          const pending = ORDER_ID.exec(text)?.[0];
          const held = /already have this plan/.test(text);
          if (pending) {
            if (!orderIds.includes(pending)) orderIds.push(pending);
            const settled = await this.waitSettled(pending, cancel || held);
            if (held && (settled === 'cancelled' || settled === 'failed')) {
              this.heldCancelled++;
              continue;
            }
            if (settled === 'paid') return done('paid', attempt);
            if (settled === 'cancelled') return done('cancelled', attempt);
          }
          continue;
        }
        await this.hooks.beforeSteps(['authorization', 'opentv', 'oms']);
        const id = await this.payInWidget();
        if (!id) continue;
        if (!orderIds.includes(id)) orderIds.push(id);
        const settled = await this.waitSettled(id, cancel);
        if (settled === 'paid') return done('paid', attempt);
        if (settled === 'cancelled') return done('cancelled', attempt);
      } catch (e) {
        // A kill, a page that did not load: a person would try again.
        if (process.env.CHAOS_DEBUG) console.error(`chaos: ${this.persona} attempt ${attempt}: ${e}`);
      }
    }
    return done('gave-up', 8);
  }

  /**
   * The widget preselects the verified purchase for this account: Continue, the SMS PIN, Continue.
   * The order id once the store shows the order page, null when it showed a notice instead.
   */
  private async payInWidget(): Promise<string | null> {
    const page = this.page;
    const widget = page.frameLocator('iframe[title="Flexiti"]');
    const next = widget.getByRole('button', { name: 'Continue' });
    await next.click();
    await widget.getByLabel('PIN', { exact: true }).fill(SANDBOX_PIN);
    await next.click();
    await page.waitForURL(ORDER_URL, { timeout: 45_000 }).catch(() =>
      page
        .getByTestId('checkout-notice')
        .waitFor({ timeout: 1_000 })
        .catch(() => undefined),
    );
    return ORDER_URL.exec(page.url())?.[1] ?? null;
  }

  /** One checkout to the order page, whatever the payment's state then (the attention case). */
  async buyOnce(slug: string): Promise<string | null> {
    await this.hooks.ready();
    await this.page.goto(`/checkout/${slug}`);
    await this.signIn();
    await this.page.getByRole('radio', { name: /Use my Flexiti account/ }).check();
    await this.page.getByRole('radio', { name: 'Account number' }).check();
    await this.page.getByLabel('Flexiti account number').fill('20009100');
    await this.page.getByRole('button', { name: 'Continue to Flexiti' }).click();
    return this.payInWidget();
  }

  /** The order's state as its page shows it. */
  async orderState(orderId: string): Promise<string | null> {
    await this.page.goto(`/orders/${orderId}`);
    return this.page.getByTestId('order-state').getAttribute('data-state');
  }

  get isSignedIn(): boolean {
    return this.signedIn;
  }
}
