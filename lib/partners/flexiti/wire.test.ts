import { describe, expect, it } from 'vitest';
import { applyResponseSchema, authorizationListSchema, authorizationResponseSchema } from './wire';

/**
 * The tolerant reading of the bodies Flexiti never published (docs/partners/flexiti.md#undocumented-bodies),
 * in shapes the sandbox does not produce; the sandbox's own shapes are covered over HTTP in
 * client.db.test.ts.
 */

const documented = { authorization_id: 700000001, status: 'captured', amount: 14.99, capture_id: 9 };
const read = (body: unknown) => authorizationResponseSchema.safeParse(body);

describe('one authorization', () => {
  it.each([
    ['bare, snake_case', documented],
    ['in data', { data: documented }],
    ['under its name', { authorization: documented }],
    ['in result', { result: documented }],
    ['camelCase with id', { id: 700000001, status: 'CAPTURED', amount: '14.99', captureId: '9' }],
    [
      'other plausible names, only a list of captures',
      { authorizationId: '700000001', authorizationStatus: 'Captured', authorizedAmount: 14.99, captures: [{ id: 9 }] },
    ],
  ])('%s', (_name, body) => {
    const r = read(body);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ authorization_id: '700000001', status: 'captured', amount: 1499, capture_id: '9' });
  });

  it.each([
    ['no id', { status: 'opened', amount: 1 }],
    ['no amount', { authorization_id: 1, status: 'opened' }],
    ['an amount that is not one', { authorization_id: 1, amount: 'fourteen' }],
    ['not an object', 'OK'],
  ])('unreadable: %s', (_name, body) => {
    expect(read(body).success).toBe(false);
  });
});

describe('the list', () => {
  it.each([
    ['bare array', [documented]],
    ['authorizations', { authorizations: [documented], total: 1 }],
    ['data', { data: [documented] }],
    ['items', { items: [documented] }],
    ['content (a page)', { content: [documented], totalElements: 1 }],
    ['results', { results: [documented] }],
    ['one level deeper', { data: { authorizations: [documented] } }],
  ])('%s', (_name, body) => {
    const r = authorizationListSchema.safeParse(body);
    expect(r.success).toBe(true);
    expect(r.data).toHaveLength(1);
  });

  it('an empty list in any of them is an empty list', () => {
    expect(authorizationListSchema.parse({ content: [] })).toEqual([]);
    expect(authorizationListSchema.parse([])).toEqual([]);
  });

  it('unreadable: no list we know, or one authorization we cannot read (it could be the one looked for)', () => {
    expect(authorizationListSchema.safeParse({ rows: [documented] }).success).toBe(false);
    expect(authorizationListSchema.safeParse({ authorizations: [documented, { status: 'opened' }] }).success).toBe(
      false,
    );
  });
});

describe('/apply', () => {
  it.each([
    ['bare', { account_number: 30001234, status: 'approved', credit_limit: 1500 }],
    ['in data', { data: { account_number: 30001234, status: 'approved', credit_limit: 1500 } }],
    [
      'under application, camelCase',
      { application: { accountNumber: '30001234', status: 'APPROVED', creditLimit: 1500 } },
    ],
    [
      'the account as an object, a decision',
      { decision: 'approved', account: { accountNumber: 30001234 }, approvedCredit: '1500' },
    ],
  ])('%s', (_name, body) => {
    expect(applyResponseSchema.parse(body)).toMatchObject({
      account_number: '30001234',
      status: 'approved',
      credit_limit: 150_000,
    });
  });

  it('unreadable without an account number', () => {
    expect(applyResponseSchema.safeParse({ status: 'approved' }).success).toBe(false);
  });
});
