import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SignJWT } from 'jose';
import { identityTokenFor, PERSONAS } from '../lib/sandbox/ultra/personas';
import { expectNoSeriousA11yViolations } from './support/a11y';

/**
 * The Flipkart My Orders page of the OMS sandbox: events are pushed over HTTP exactly as the
 * storefront's OMS client does (signed with the key the server generated into its data folder),
 * then the page shows them per customer.
 */

function secureToken(): Promise<string> {
  const secrets = JSON.parse(readFileSync(join(process.env.E2E_DATA_DIR!, 'sandbox-secrets.json'), 'utf8')) as {
    ultraPrivateKey: string;
  };
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat, exp: iat + 300, iss: 'hotstar.test', sub: 'hotstar.test' })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .sign(createPrivateKey(secrets.ultraPrivateKey));
}

async function push(request: APIRequestContext, body: Record<string, unknown>) {
  const res = await request.post('/sandbox/ultra/oms/3/oms', {
    headers: { secureToken: await secureToken() },
    data: body,
  });
  expect(res.status(), JSON.stringify(await res.json())).toBe(200);
}

test('My Orders shows what OMS accepted, per customer, with the state history and refund', async ({
  page,
  request,
}) => {
  const priya = identityTokenFor(
    'hotstar',
    PERSONAS.find((p) => p.id === 'priya')!,
  );
  // In the unit the server's OMS reads: epoch seconds unless it runs with OMS_TIMESTAMP_UNIT=ms.
  const perSecond = process.env.OMS_TIMESTAMP_UNIT === 'ms' ? 1000 : 1;
  const placed = Math.floor(Date.now() / 1000) * perSecond;
  const base = {
    identityToken: priya,
    orderTimestamp: placed,
    orderUpdatedTimestamp: placed,
    reverseTransaction: 0,
    lastFulfillmentDate: placed + 7 * 86_400 * perSecond,
  };
  const orderId = `E2E-${placed}`;
  await push(request, {
    ...base,
    orderId,
    orderState: 'ORDER_CONFIRMED',
    description: 'Premium Annual',
    forwardTransaction: 149.99,
  });
  await push(request, {
    ...base,
    orderId,
    orderState: 'ORDER_CANCELLED',
    description: 'Premium Annual',
    forwardTransaction: 149.99,
    reverseTransaction: 149.99,
  });

  await page.goto('/sandbox/ultra/oms/my-orders?persona=priya');
  await expect(page.getByRole('heading', { name: 'My Orders' })).toBeVisible();
  const order = page.getByTestId('oms-order').filter({ hasText: orderId });
  await expect(order.getByRole('heading', { name: 'Premium Annual' })).toBeVisible();
  await expect(order.getByTestId('forward')).toHaveText('$149.99');
  await expect(order.getByTestId('reverse')).toHaveText('$149.99');
  await expect(order.getByRole('list', { name: `History of ${orderId}` }).getByRole('listitem')).toHaveText([
    /^Confirmed/,
    /^Cancelled/,
  ]);
  await expectNoSeriousA11yViolations(page);

  // Another customer sees none of Priya's orders.
  await page.getByLabel('Customer').selectOption('arjun');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/persona=arjun/);
  await expect(page.getByText('No orders reported to Flipkart for this customer yet.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
