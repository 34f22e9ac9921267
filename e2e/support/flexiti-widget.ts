import { expect, type FrameLocator, type Page } from '@playwright/test';

/**
 * Driving the sandbox Flexiti widget like a customer (identify, SMS PIN, decision), with the
 * outcome chosen in its collapsed "Sandbox scenario" drawer.
 */

export const WIDGET = 'iframe[title="Flexiti"]';
export const TEST_PIN = '2222';

type Scope = FrameLocator | Page;

/** Opens the "Sandbox scenario" drawer (a <details>) if it is closed. */
export async function openScenarios(w: Scope) {
  const drawer = w.locator('details');
  if (!(await drawer.evaluate((d) => (d as HTMLDetailsElement).open))) await w.locator('summary').click();
  await expect(drawer).toHaveAttribute('open', '');
}

/** The scenario the widget preselected (from the account widget/init identified). */
export async function expectScenario(w: Scope, name: RegExp) {
  await openScenarios(w);
  await expect(w.getByRole('radio', { name })).toBeChecked();
}

/** Picks a scenario, then goes through the widget: Continue, and the PIN when one is asked. */
export async function choose(
  w: Scope,
  name: RegExp,
  opts: { pin?: string; continueLabel?: string; pinLabel?: string } = {},
) {
  await openScenarios(w);
  await w.getByRole('radio', { name }).check();
  await finish(w, opts);
}

/** Continue on the identify step, then the PIN step when `pin` is given. */
export async function finish(w: Scope, opts: { pin?: string; continueLabel?: string; pinLabel?: string } = {}) {
  const next = w.getByRole('button', { name: opts.continueLabel ?? 'Continue' });
  await next.click();
  if (opts.pin === undefined) return;
  const pin = w.getByLabel(opts.pinLabel ?? 'PIN', { exact: true });
  await expect(pin).toBeFocused();
  await pin.fill(opts.pin);
  await next.click();
}

/** The preselected verified purchase, verified with the SMS PIN. */
export async function payVerified(w: Scope) {
  await expectScenario(w, /Verified purchase/);
  await finish(w, { pin: TEST_PIN });
}
