import { describe, expect, it } from 'vitest';
import { isPartnerError, PartnerError } from './errors';
import {
  declineOf,
  FlexitiError,
  isFlexitiError,
  isForWidgetSession,
  refusedFields,
  type FlexitiWidgetEvent,
} from '@/lib/partners/flexiti';
import { OpenTvAuthError, OpenTvError, OpenTvUnavailableError } from '@/lib/partners/opentv';
import { OmsPermanentError, OmsRetryableError, UltraBadGrantError, UltraUnavailableError } from '@/lib/partners/ultra';

/** What the outbox and the checkout ask a partner error, instead of its partner's codes. */
describe('PartnerError', () => {
  const flexiti = (code: ConstructorParameters<typeof FlexitiError>[0], status = 409) =>
    new FlexitiError(code, status, 'no', { operation: 'authorize' });

  it('every partner error is one, with its partner', () => {
    const errors = [
      flexiti('credit_exceeded'),
      new OpenTvError('getAccount', 404, 'NOT_FOUND', 'no'),
      new OpenTvAuthError(401, 'invalid_client', 'no'),
      new OpenTvUnavailableError('createEntitlement', 'timeout'),
      new UltraBadGrantError('bad grant', 400),
      new OmsPermanentError('rejected', 'SP-1', 400, 24),
      new OmsRetryableError('throttled', 'SP-1', 429, 5_000),
    ];
    expect(errors.every((e) => e instanceof PartnerError)).toBe(true);
    expect(errors.map((e) => e.partner)).toEqual(['flexiti', 'opentv', 'opentv', 'opentv', 'ultra', 'oms', 'oms']);
  });

  it('retryable only for "try later": unavailable, 5xx, throttled, a token to renew', () => {
    expect(['unavailable', 'server_error', 'invalid_token'].map((c) => flexiti(c as never).retryable)).toEqual([
      true,
      true,
      true,
    ]);
    expect(flexiti('credit_exceeded').retryable).toBe(false);
    expect(flexiti('return_date_exceeded').retryable).toBe(false);
    expect(new OpenTvUnavailableError('createEntitlement', 'timeout').retryable).toBe(true);
    expect(new OpenTvError('createEntitlement', 400, undefined, 'bad').retryable).toBe(false);
    expect(new OpenTvAuthError(401, 'invalid_client', 'no')).toMatchObject({
      retryable: false,
      code: 'invalid_client',
    });
    expect(new UltraUnavailableError('down', 503)).toMatchObject({ retryable: true, code: 'unavailable' });
    expect(new UltraBadGrantError('bad grant', 400)).toMatchObject({ retryable: false, code: 'bad_grant' });
    expect(new OmsRetryableError('throttled', 'SP-1', 429, 5_000)).toMatchObject({
      retryable: true,
      retryAfterMs: 5_000,
    });
    expect(new OmsPermanentError('rejected', 'SP-1', 400, 24)).toMatchObject({ retryable: false, code: 24 });
  });

  it("Flexiti's outcomeUnknown is what the client recorded; summary names the operation, code and status", () => {
    const lost = new FlexitiError('server_error', 502, 'bad gateway', { operation: 'authorize', outcomeUnknown: true });
    expect(lost.outcomeUnknown).toBe(true);
    expect(flexiti('credit_exceeded').outcomeUnknown).toBe(false);
    expect(lost.summary).toBe('flexiti authorize: server_error (HTTP 502)');
  });
});

describe("Flexiti's answers in app terms", () => {
  const err = (code: ConstructorParameters<typeof FlexitiError>[0], fieldErrors?: { param: string; msg: string }[]) =>
    new FlexitiError(code, 409, 'no', { operation: 'apply', fieldErrors });

  it('declineOf: a reason and the route to offer for each customer decline; null for anything else', () => {
    expect(declineOf(err('credit_exceeded'))).toEqual({ reason: 'credit_exceeded', offer: 'apply' });
    expect(declineOf(err('application_declined_3'))).toEqual({ reason: 'application_declined', offer: 'purchase' });
    expect(declineOf(err('customer_already_exists'))).toEqual({ reason: 'already_has_account', offer: 'purchase' });
    expect(declineOf(err('customer_identity_not_found'))).toEqual({ reason: 'not_verified' });
    expect(declineOf(err('user_not_able_to_purchase'))).toEqual({ reason: 'cannot_finance' });
    expect(declineOf(err('server_error'))).toBeNull();
    expect(err('not_verified').isCustomerDecline).toBe(true);
    expect(err('wrong_inputs').isCustomerDecline).toBe(false);
  });

  it('refusedFields: wrong_inputs by our form field names, nothing for other codes', () => {
    const e = err('wrong_inputs', [
      { param: 'customer_identification.personal_information.dob', msg: 'invalid date' },
      { param: 'something_else', msg: 'bad' },
    ]);
    expect(refusedFields(e)).toEqual([
      { field: 'dateOfBirth', message: 'invalid date' },
      { field: 'form', message: 'bad' },
    ]);
    expect(refusedFields(err('credit_exceeded', [{ param: 'dob', msg: 'x' }]))).toEqual([]);
  });

  it('isForWidgetSession: a success must name this session (dashes and case aside); cancel and failure name none', () => {
    const success = {
      eventType: 'flx-success',
      eventData: { widget_session_id: 'AB-12-cd' },
    } as unknown as FlexitiWidgetEvent;
    expect(isForWidgetSession(success, 'ab12CD')).toBe(true);
    expect(isForWidgetSession(success, 'other')).toBe(false);
    expect(isForWidgetSession(success, null)).toBe(false);
    expect(isForWidgetSession({ eventType: 'flx-cancel' } as unknown as FlexitiWidgetEvent, 'x')).toBe(true);
  });

  it("isPartnerError and isFlexitiError know an error made by another bundle's copy of the classes", () => {
    // What a client built by another Next bundle throws (client-cache.ts shares clients on
    // globalThis): the same shape, not an instance of this module's PartnerError.
    class OtherBundleFlexitiError extends Error {
      readonly partner = 'flexiti';
      readonly code = 'capture_amount_exceeded';
      readonly retryable = false;
      readonly outcomeUnknown = false;
      get alreadyRefunded() {
        return true;
      }
    }
    const foreign = new OtherBundleFlexitiError('flexiti returnCapture: capture_amount_exceeded (HTTP 409)');
    expect(foreign instanceof PartnerError).toBe(false);
    expect(isPartnerError(foreign) && foreign.alreadyRefunded).toBe(true);
    expect(isFlexitiError(foreign)).toBe(true);
    expect(isFlexitiError(foreign, 'capture_amount_exceeded')).toBe(true);
    expect(isFlexitiError(foreign, 'invalid_token')).toBe(false);
    // Not a partner error: a plain Error, or one that only looks partly like one.
    expect(isPartnerError(new Error('x'))).toBe(false);
    expect(isPartnerError(Object.assign(new Error('x'), { partner: 'flexiti' }))).toBe(false);
    expect(isPartnerError({ partner: 'flexiti', retryable: false, outcomeUnknown: false })).toBe(false);
  });
});
