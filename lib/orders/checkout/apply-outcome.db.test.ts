import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forceError } from '@/test/support/sandbox';
import { checkoutHelpers } from '@/test/support/checkout';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { handleWidgetEvent } from './index';

/**
 * An `/apply` without a definite answer (docs/partners/flexiti.md#apply): Flexiti may have opened
 * the account, so the customer is not told "declined"; no money moved, so the attempt ends with
 * the purchase route offered and nothing sent to `/authorization`.
 */

let current: TestApp;
const app = () => current;

beforeAll(async () => {
  current = await startTestApp();
});
afterAll(async () => current?.close());

const { newCustomer, applicant, widget, started, orderRow, causes, callsOf } = checkoutHelpers(app);

describe('apply with an unknown outcome', () => {
  it('a 503 from /apply is not a decline: nothing authorized, the purchase route offered with our reference', async () => {
    const c = await newCustomer();
    const r = await started(c, applicant('1991-01-04'));
    const event = await widget(r.redirectionUrl, 'apply-approved', '2222');
    await forceError(
      app().open.db,
      'flexiti',
      { id: 'apply-503', label: '503', status: 503, body: { error: 'service_unavailable' }, match: '/apply' },
      1,
    );
    const outcome = await handleWidgetEvent(c, r.orderId, event);
    expect(outcome).toMatchObject({
      kind: 'failed',
      offer: 'purchase',
      notice: { key: 'applicationUnconfirmed' },
      message: expect.stringContaining('did not hear back from Flexiti'),
    });
    expect((await callsOf(r.orderId)).map((x) => `${x.operation} ${x.status}`)).toEqual([
      'widgetInit 200',
      'apply 503',
    ]);
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_FAILED');
    expect(await causes(r.orderId)).toContain('PENDING_PAYMENT>PAYMENT_FAILED flexiti.apply_outcome_unknown');
  });
});
