import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/a11y';

/** The sandbox credentials the server generated into its data folder (sandbox mode). */
function secrets(): { opentvClientId: string; opentvUsername: string; opentvPassword: string } {
  return JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'sandbox-secrets.json'), 'utf8'));
}

async function pendingEntitlement(request: APIRequestContext, id: string): Promise<string> {
  const s = secrets();
  const tokenRes = await request.post('/sandbox/opentv/keycloak/auth/realms/nagra/protocol/openid-connect/token', {
    form: {
      grant_type: 'password',
      client_id: s.opentvClientId,
      username: s.opentvUsername,
      password: s.opentvPassword,
    },
  });
  expect(tokenRes.status()).toBe(200);
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const res = await request.post('/sandbox/opentv/crm-gateway/v2/rmg/v1/entitlements', {
    headers: {
      authorization: `Bearer ${access_token}`,
      'nv-tenant-id': 'sandbox-tenant',
      'x-correlation-id': `e2e-${id}`,
    },
    data: {
      _id: id,
      productType: 'THIRDPARTY',
      productId: 'hotstar_SUPER_MONTHLY',
      accountId: 'acct-priya-0001',
      status: 'PENDING',
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { parameters: { url: string } }).parameters.url;
}

test('the Bango-like activation page activates a pending entitlement', async ({ page, request }) => {
  const url = await pendingEntitlement(request, `ent-e2e-${Date.now()}`);
  await page.goto(new URL(url).pathname);
  await expect(page.getByRole('heading', { level: 1, name: /^Activate / })).toBeVisible();
  await expect(page.getByTestId('entitlement-status')).toHaveAttribute('data-status', 'PENDING');
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your plan is active' })).toBeVisible();
  await expect(page.getByTestId('entitlement-status')).toHaveAttribute('data-status', 'ACTIVE');
  await expect(page.getByRole('button', { name: 'Activate' })).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('The store');
  await expectNoSeriousA11yViolations(page);
});

test('an unknown activation link says so', async ({ page }) => {
  await page.goto('/sandbox/opentv/activate/not-a-real-link-000');
  await expect(page.getByRole('heading', { level: 1, name: 'Link not valid' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
