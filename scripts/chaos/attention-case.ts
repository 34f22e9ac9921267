import type { Browser } from 'playwright-core';
import { DEMO_STAFF_NAME, demoStaffPassword } from '@/lib/ops/staff';
import type { Customer } from './customer';
import type { FaultQueue } from './faults';

/**
 * `--attention-case`: one case that software must not decide on its own, played end to end after
 * the random part of the run. Flexiti takes the money but its answer is lost, and Flexiti's
 * look-ups then fail for longer than the automatic window (an outage), so the order is still
 * PAYMENT_VERIFYING a minute after its not-found deadline and goes to "needs attention". A staff
 * member in Chromium finds it on /ops/attention, the outage ends, and they resolve it with Retry
 * (looked up again and decided); the customer's order page then shows the outcome. Its time to a
 * definite state is reported apart from the goal (the outage is injected on purpose).
 */

export interface AttentionCaseReport {
  orderId: string | null;
  raisedAfterS: number | null;
  reason: string | null;
  evidence: string | null;
  resolution: string | null;
  customerSees: string | null;
  definiteAfterS: number | null;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runAttentionCase(args: {
  browser: Browser;
  baseUrl: string;
  customer: Customer;
  faults: FaultQueue;
  authSecret: string;
  until: number;
}): Promise<AttentionCaseReport> {
  const report: AttentionCaseReport = {
    orderId: null,
    raisedAfterS: null,
    reason: null,
    evidence: null,
    resolution: null,
    customerSees: null,
    definiteAfterS: null,
  };
  const staff = await args.browser.newContext({ baseURL: args.baseUrl, viewport: { width: 1280, height: 900 } });
  try {
    await args.faults.queue({
      partner: 'flexiti',
      match: '/authorization$',
      method: 'POST',
      mode: 'lost',
      status: 503,
      body: { error: 'service_unavailable' },
    });
    // Every look-up for the next few minutes (3 tries each) is refused: longer than the window.
    await args.faults.queue({
      partner: 'flexiti',
      match: '/authorizations$',
      mode: 'refuse',
      status: 503,
      body: { error: 'service_unavailable' },
      times: 200,
    });
    const asked = Date.now();
    report.orderId = await args.customer.buyOnce('premium-annual');
    if (!report.orderId) throw new Error('the checkout did not reach the order page');

    const page = await staff.newPage();
    await page.goto('/ops/sign-in');
    await page.getByLabel('Staff name').fill(DEMO_STAFF_NAME);
    await page.getByLabel('Password').fill(demoStaffPassword(args.authSecret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('ops-staff-name').waitFor();
    const item = page.locator(`[data-testid="attention-order"][data-order-id="${report.orderId}"]`);
    while (Date.now() < args.until) {
      await page.goto('/ops/attention');
      if (await item.isVisible()) break;
      await sleep(5_000);
    }
    if (!(await item.isVisible())) throw new Error('never listed on /ops/attention');
    report.raisedAfterS = Math.round((Date.now() - asked) / 1000);
    report.reason = (await item.getByTestId('attention-reason').textContent())?.trim() ?? null;
    await item.getByText(/^Evidence:/).click();
    const calls = (await item.getByTestId('attention-calls').textContent()) ?? '';
    report.evidence = `${(await item.getByText(/^Evidence:/).textContent())?.trim()}; calls: ${
      (calls.match(/listAuthorizations → \d+/g) ?? []).length
    } refused look-ups`;

    // The outage ends; the staff member retries.
    await args.faults.drain();
    await item.getByRole('button', { name: `Retry order ${report.orderId}` }).click();
    report.resolution =
      (await page.getByTestId('ops-notice').or(page.getByTestId('ops-error')).textContent())?.trim() ?? null;
    report.customerSees = await args.customer.orderState(report.orderId);
    report.definiteAfterS = Math.round((Date.now() - asked) / 1000);
  } catch (e) {
    report.error = e instanceof Error ? e.message : String(e);
    await args.faults.drain().catch(() => undefined);
  } finally {
    await staff.close().catch(() => undefined);
  }
  return report;
}
