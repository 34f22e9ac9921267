import { expect, test, type Page } from '@playwright/test';
import { buyWithFlexitiAccount } from './support/checkout';
import { continueWithFlipkart } from './support/sign-in';
import { signInAsStaff } from './support/staff';

/**
 * Ending sessions for good: the customer's "Sign out on every device" on /account, and the staff
 * action on an order page that ends every session of its customer (audited). A copy of the
 * cookie, or another device's session, stops working at once.
 */
const sessionCookie = async (page: Page) =>
  (await page.context().cookies()).find((c) => c.name.endsWith('authjs.session-token'))!;

test('"Sign out on every device" ends this session and every other one', async ({ browser, page, request }) => {
  await page.goto('/account');
  await continueWithFlipkart(page, 'arjun');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto('/account');
  await continueWithFlipkart(otherPage, 'arjun');
  const copy = await sessionCookie(otherPage);
  const asOther = { headers: { cookie: `${copy.name}=${copy.value}` } };
  expect(await (await request.get('/api/auth/session', asOther)).json()).toMatchObject({
    user: { id: expect.any(String) },
  });

  await page.getByRole('button', { name: 'Sign out on every device' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('banner').getByTestId('account-name')).toHaveCount(0);
  // The other device is signed out too.
  expect(await (await request.get('/api/auth/session', asOther)).json()).toBeNull();
  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/sign-in\?returnTo=/);
  await other.close();
});

test('staff end a customer’s sessions from the order page; the audit says who', async ({ browser, page }) => {
  const orderId = await buyWithFlexitiAccount(page, 'premium-monthly');
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signInAsStaff(staff);
  await staff.goto(`/ops/orders/${orderId}`);
  await staff.getByRole('button', { name: 'End this customer’s sessions' }).click();
  await expect(staff.getByTestId('sessions-ended')).toHaveText(
    /^Ended [1-9]\d* sessions?: the customer must sign in again everywhere\.$/,
  );

  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
  await staff.goto('/ops/audit');
  await expect(staff.getByTestId('audit-row').filter({ hasText: 'customer.sessions-ended' }).first()).toBeVisible();
  await staffContext.close();
});
