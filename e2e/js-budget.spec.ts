import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checkJsBudget, type JsBudget } from '../bench/js-budget';
import { firstLoadJsKiB } from '../bench/web/page-weight';
import { buyWithFlexitiAccount } from './support/checkout';

/**
 * The weight budget (README "Performance"): the first-load JS (gzip) of every customer page of
 * this build against bench/js-budget.json, measured as `npm run bench:web` measures it. Sizes
 * only, no timing: a page that grows past its budget fails here, so a client library added to
 * the store is seen in review.
 */
const budget = JSON.parse(readFileSync('bench/js-budget.json', 'utf8')) as JsBudget;
const PRODUCT = 'super-monthly';

test('every customer page stays within its first-load JS budget', async ({ page, context, baseURL }) => {
  // Signed in, with one order: the pages behind sign-in are weighed as the customer gets them.
  const orderId = await buyWithFlexitiAccount(page, PRODUCT);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const pages: Record<string, [path: string, signedIn: boolean]> = {
    '/': ['/', false],
    '/products/[slug]': [`/products/${PRODUCT}`, false],
    '/sign-in': ['/sign-in', false],
    '/checkout/[slug]': [`/checkout/${PRODUCT}`, true],
    '/orders': ['/orders', true],
    '/orders/[id]': [`/orders/${orderId}`, true],
    '/account': ['/account', true],
    '/watch': ['/watch', true],
  };
  const measured: Record<string, number> = {};
  for (const [route, [path, signedIn]] of Object.entries(pages)) {
    const weighed = await firstLoadJsKiB(`${baseURL}${path}`, signedIn ? { cookie } : {});
    expect(new URL(weighed.finalUrl).pathname, `${route} was weighed on another page`).toBe(path);
    measured[route] = weighed.kib;
  }
  const { lines, failed } = checkJsBudget(measured, budget);
  console.log(`first-load JS (gzip) against bench/js-budget.json:\n${lines.join('\n')}`);
  expect(failed, lines.join('\n')).toBe(false);
});
