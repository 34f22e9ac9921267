import { expect, type Browser, type Page } from '@playwright/test';

/** The sandbox demo staff account, as /ops/sign-in shows it in sandbox mode. */
export async function demoCredentials(page: Page) {
  await page.goto('/ops/sign-in');
  return {
    name: (await page.getByTestId('demo-staff-name').textContent())!.trim(),
    password: (await page.getByTestId('demo-staff-password').textContent())!.trim(),
  };
}

export async function signInAsStaff(page: Page) {
  const { name, password } = await demoCredentials(page);
  await page.getByLabel('Staff name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('ops-staff-name')).toHaveText(name);
}

/**
 * Empties the sandbox's orders, customers and partner state (the ops console's reset), so a spec
 * starts with personas that hold no plan: a customer holds one live plan per product
 * (docs/refund-policy.md#one-live-plan), and earlier specs bought some. Customers are signed out.
 */
export async function resetSandbox(page: Page) {
  await signInAsStaff(page);
  await page.goto('/ops/sandbox');
  await page.getByLabel('Type RESET to confirm').fill('RESET');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Sandbox reset');
}

/** `resetSandbox` in a page of its own, for a spec's `test.beforeAll`. */
export async function resetSandboxFirst({ browser }: { browser: Browser }) {
  const page = await browser.newPage();
  await resetSandbox(page);
  await page.close();
}
