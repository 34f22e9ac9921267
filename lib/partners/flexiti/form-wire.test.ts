import { describe, expect, it } from 'vitest';
import { apply, applyRequiredFields, byPerson, ok, rules } from '@/test/support/checkout-forms';
import { validateWidgetInit } from '@/test/support/sandbox';
import { formFieldForWireParam, toApplyBody, toWidgetInitBody } from './form-wire';

/**
 * The checkout form mapped to Flexiti's wire, and agreement with the sandbox's independent
 * implementation of docs/partners/flexiti.md#widget-fields (what the form accepts, Flexiti accepts).
 */

describe('mapping to the wire and agreement with the sandbox rules', () => {
  it('maps a purchase by account number, card and personal information', () => {
    expect(toWidgetInitBody(ok({ flow: 'purchase', identifyBy: 'account', accountNumber: '20009100' }))).toEqual({
      flow: 'purchase',
      lang: 'en',
      customer_identification: { account_number: 20009100 },
    });
    expect(toWidgetInitBody(ok({ flow: 'purchase', identifyBy: 'card', cardNumber: '1070-0152-1036-7982' }))).toEqual({
      flow: 'purchase',
      lang: 'en',
      customer_identification: { vcc_number: '1070015210367982' },
    });
    expect(toWidgetInitBody(ok(byPerson({ lang: 'fr' })))).toEqual({
      flow: 'purchase',
      lang: 'fr',
      customer_identification: {
        personal_information: { first_name: 'Priya', last_name: 'Sharma', dob: '1990-04-12', postal_code: 'M5V2T6' },
      },
    });
  });

  it('maps an apply with account_type inside customer_identification', () => {
    expect(toWidgetInitBody(ok(apply({ address2: 'Unit 4' })))).toEqual({
      flow: 'apply',
      lang: 'en',
      customer_identification: {
        account_type: 'consumer',
        personal_information: { first_name: 'Priya', last_name: 'Sharma', dob: '1990-04-12', postal_code: 'M5V2T6' },
      },
      email: 'priya.sharma@example.com',
      phone_number: 4165550100,
      address_1: '1 King St W',
      address_2: 'Unit 4',
      city: 'Toronto',
      province: 'ON',
      tos_agreement: true,
    });
    const form = ok(apply());
    if (form.flow !== 'apply') throw new Error('apply form expected');
    expect(toApplyBody(form, 'sess')).toMatchObject({ widget_session_id: 'sess', tos_agreement: true });
    expect(toApplyBody(form, 'sess')).not.toHaveProperty('flow');
  });

  it('every form the schema accepts, the sandbox accepts', () => {
    for (const [, pass] of rules) {
      const input = pass.flow ? pass : { flow: 'purchase', ...pass };
      const body = toWidgetInitBody(ok(input));
      const r = validateWidgetInit(body);
      expect(r.ok, `${JSON.stringify(body)} → ${JSON.stringify(r.ok ? '' : r.fieldErrors)}`).toBe(true);
    }
  });

  it('maps the sandbox field errors back to the form fields', () => {
    const r = validateWidgetInit({ flow: 'apply', customer_identification: {} });
    if (r.ok) throw new Error('expected errors');
    const fields = r.fieldErrors.map((f) => formFieldForWireParam(f.param));
    expect(fields).toEqual(expect.arrayContaining([...applyRequiredFields]));
    expect(formFieldForWireParam('customer_identification.vcc_number')).toBe('cardNumber');
    expect(formFieldForWireParam('x-reference-id')).toBeUndefined();
  });
});
