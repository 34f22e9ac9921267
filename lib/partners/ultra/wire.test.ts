import { describe, expect, it } from 'vitest';
import { parseProfile } from './wire';

describe('parseProfile', () => {
  it('reads the demos’ layout: user.mobile.mobileNumber, user.email.email, user.name', () => {
    expect(
      parseProfile({
        'user.mobile': { mobileNumber: '9876543210', isVerified: true },
        'user.email': { email: 'a@example.com', isVerified: false },
        'user.name': { firstName: 'Priya', lastName: 'Sharma' },
      }),
    ).toEqual({
      mobile: { number: '9876543210', verified: true },
      email: { address: 'a@example.com', verified: false },
      name: { first: 'Priya', last: 'Sharma' },
    });
  });

  it('reads the docs’ swapped layout: user.mobile.email holds the number, user.email.mobileNumber the address', () => {
    expect(
      parseProfile({
        'user.mobile': { email: '9876543210', isVerified: 'true' },
        'user.email': { mobileNumber: 'a@example.com', isVerified: true },
      }),
    ).toEqual({
      mobile: { number: '9876543210', verified: true },
      email: { address: 'a@example.com', verified: true },
      name: null,
    });
  });

  it('tolerates null, missing keys, empty strings and a non-object RESPONSE', () => {
    const empty = { mobile: null, email: null, name: null };
    expect(parseProfile({ 'user.mobile': null, 'user.email': null, 'user.name': null })).toEqual(empty);
    expect(parseProfile({})).toEqual(empty);
    expect(parseProfile(null)).toEqual(empty);
    expect(parseProfile('OK')).toEqual(empty);
    expect(parseProfile({ 'user.email': { email: '', isVerified: true }, 'user.name': { firstName: ' ' } })).toEqual(
      empty,
    );
  });

  it('keeps a name with only one part and treats a missing isVerified as unverified', () => {
    expect(parseProfile({ 'user.name': { firstName: 'Sam' }, 'user.mobile': { mobileNumber: '99' } })).toEqual({
      mobile: { number: '99', verified: false },
      email: null,
      name: { first: 'Sam', last: '' },
    });
  });
});
