import { describe, expect, it } from 'vitest';
import { safeReturnTo, signInPath } from './return-to';

describe('safeReturnTo', () => {
  it('keeps paths on this site', () => {
    expect(safeReturnTo('/checkout/live-sports?x=1')).toBe('/checkout/live-sports?x=1');
    expect(safeReturnTo('/')).toBe('/');
  });

  it('falls back for other origins, protocol-relative and odd values', () => {
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'checkout',
      '',
      null,
      42,
      '/a\nb',
    ]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
    expect(safeReturnTo('/' + 'a'.repeat(600))).toBe('/');
  });

  it('builds the sign-in URL with an encoded returnTo', () => {
    expect(signInPath('/checkout/live-sports?plan=1')).toBe('/sign-in?returnTo=%2Fcheckout%2Flive-sports%3Fplan%3D1');
    expect(signInPath('//evil')).toBe('/sign-in?returnTo=%2F');
  });
});
