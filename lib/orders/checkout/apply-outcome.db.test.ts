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

describe('one answer from the widget is acted on once', () => {
  it('the same apply-approved answer twice at once: one /apply, one widget_success, the other told it is being handled', async () => {
    const c = await newCustomer();
    const r = await started(c, applicant('1991-01-04'));
    const event = await widget(r.redirectionUrl, 'apply-approved', '2222');
    const both = await Promise.all([handleWidgetEvent(c, r.orderId, event), handleWidgetEvent(c, r.orderId, event)]);
    expect((await callsOf(r.orderId)).filter((x) => x.operation === 'apply')).toHaveLength(1);
    expect((await causes(r.orderId)).filter((x) => x.endsWith(' flexiti.widget_success'))).toHaveLength(1);
    expect(both.map((o) => o.kind)).toContain('paid');
    // The other found the claim taken (or, on PostgreSQL, read the order once it was verifying or paid).
    for (const o of both.filter((x) => x.kind !== 'paid')) {
      expect(o.kind === 'verifying' || (o.kind === 'stale' && o.notice?.key === 'beingHandled')).toBe(true);
    }
  });
});
