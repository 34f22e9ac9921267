import { expect, type Page } from '@playwright/test';

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
