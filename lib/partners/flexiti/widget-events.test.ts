import { describe, expect, it } from 'vitest';
import {
  FLEXITI_ACTIVATION_URL,
  flexitiWidgetEventSchema,
  nextStepAfterWidget,
  parseFlexitiWidgetMessage,
  type FlexitiWidgetEvent,
} from './widget-events';

const SESSION = '3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b';

const success = (accountNumber: number | null, verified: boolean, action: string | null): unknown => ({
  eventType: 'flx-success',
  eventData: {
    accountNumber,
    verified,
    action,
    mfaOptionSelected: 'sms',
    widget_session_id: SESSION,
    customerId: '1234567-12345',
    accountType: 'consumer',
  },
});

const withData = (patch: Record<string, unknown>) => {
  const e = success(20009100, true, 'purchase') as { eventType: string; eventData: Record<string, unknown> };
  return { ...e, eventData: { ...e.eventData, ...patch } };
};

const parse = (data: unknown): FlexitiWidgetEvent => {
  const e = parseFlexitiWidgetMessage(data);
  if (!e) throw new Error(`not a widget event: ${JSON.stringify(data)}`);
  return e;
};

describe('flexitiWidgetEventSchema', () => {
  it('accepts the three documented events', () => {
    expect(parse(success(20009100, true, 'purchase')).eventType).toBe('flx-success');
    expect(parse({ eventType: 'flx-cancel' })).toEqual({ eventType: 'flx-cancel' });
    expect(parse({ eventType: 'flx-failure', eventData: { error: 500, message: 'boom' } })).toEqual({
      eventType: 'flx-failure',
      eventData: { error: 500, message: 'boom' },
    });
  });

  it('reads a failure from the top level too (data.eventData ?? data)', () => {
    expect(parse({ eventType: 'flx-failure', error: 401, message: 'expired' })).toEqual({
      eventType: 'flx-failure',
      eventData: { error: 401, message: 'expired' },
    });
  });

  it('accepts the older security_answer MFA value and a missing customerId', () => {
    const e = success(1, true, 'purchase') as { eventData: Record<string, unknown> };
    e.eventData.mfaOptionSelected = 'security_answer';
    delete e.eventData.customerId;
    expect(flexitiWidgetEventSchema.safeParse(e).success).toBe(true);
  });

  it.each([
    ['another message shape', { type: 'webpackOk' }],
    ['a string', 'flx-success'],
    ['an unknown event type', { eventType: 'flx-paid', eventData: {} }],
    ['a success without eventData', { eventType: 'flx-success' }],
    ['an account number as text', withData({ accountNumber: '20009100' })],
    ['an unknown action', success(1, true, 'refund')],
    ['a widget_session_id that is not a GUID', withData({ widget_session_id: '<script>' })],
    ['verified as text', withData({ verified: 'true' })],
    ['a failure without a message', { eventType: 'flx-failure', eventData: { error: 500 } }],
  ])('rejects %s', (_what, data) => {
    expect(parseFlexitiWidgetMessage(data)).toBeNull();
  });
});

describe('nextStepAfterWidget: the next-step table', () => {
  it.each([
    [
      'purchase',
      success(20009100, true, 'purchase'),
      { kind: 'authorize', accountNumber: '20009100', widgetSessionId: SESSION },
    ],
    ['purchase', success(20009100, false, 'purchase'), { kind: 'unverified' }],
    ['purchase', success(null, false, 'activation'), { kind: 'activation', url: FLEXITI_ACTIVATION_URL }],
    ['apply', success(null, false, 'activation'), { kind: 'activation', url: 'https://my.flexiti.com/index' }],
    ['purchase', success(null, false, 'apply'), { kind: 'switch-to-apply' }],
    ['purchase', success(null, false, null), { kind: 'derogatory' }],
    ['purchase', success(null, false, 'purchase'), { kind: 'derogatory' }],
    ['apply', success(null, true, 'apply'), { kind: 'apply', widgetSessionId: SESSION }],
    ['apply', success(null, false, 'apply'), { kind: 'apply', widgetSessionId: SESSION }],
    ['apply', success(null, false, null), { kind: 'derogatory' }],
    ['apply', success(20009100, false, 'purchase'), { kind: 'switch-to-purchase', accountNumber: '20009100' }],
    ['purchase', success(20009100, true, 'retry'), { kind: 'retry' }],
    ['purchase', { eventType: 'flx-cancel' }, { kind: 'cancelled' }],
    [
      'apply',
      { eventType: 'flx-failure', eventData: { error: 500, message: 'boom' } },
      { kind: 'failed', message: 'boom', status: 500 },
    ],
  ] as const)('%s + %j → %j', (flow, data, step) => {
    expect(nextStepAfterWidget(flow, parse(data), SESSION)).toEqual(step);
  });

  it('never authorizes what the table does not say to', () => {
    // Verified but no account, or an apply-flow message in a purchase flow, is a failure.
    expect(nextStepAfterWidget('purchase', parse(success(null, true, 'purchase'))).kind).toBe('failed');
    expect(nextStepAfterWidget('apply', parse(success(20009100, true, 'apply'))).kind).toBe('failed');
  });

  it('refuses an event for another widget session', () => {
    const step = nextStepAfterWidget('purchase', parse(success(20009100, true, 'purchase')), crypto.randomUUID());
    expect(step.kind).toBe('failed');
    // The same GUID without hyphens is the same session.
    expect(
      nextStepAfterWidget('purchase', parse(success(20009100, true, 'purchase')), SESSION.replace(/-/g, '')).kind,
    ).toBe('authorize');
  });
});
