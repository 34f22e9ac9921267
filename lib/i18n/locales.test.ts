import { describe, expect, it } from 'vitest';
import { fixedLocaleFor, isLocale, negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it('picks French for a Canadian French browser', () => {
    expect(negotiateLocale('fr-CA,fr;q=0.9,en;q=0.8')).toBe('fr');
  });
  it('honours weights over order', () => {
    expect(negotiateLocale('en;q=0.4, fr;q=0.8')).toBe('fr');
    expect(negotiateLocale('de, en;q=0.5, fr;q=0.4')).toBe('en');
  });
  it('falls back to English for nothing usable', () => {
    expect(negotiateLocale(undefined)).toBe('en');
    expect(negotiateLocale('de-DE, *;q=0.1')).toBe('en');
    expect(negotiateLocale('fr;q=0')).toBe('en');
    expect(negotiateLocale(';;,,')).toBe('en');
  });
});

describe('isLocale', () => {
  it('accepts only the store languages', () => {
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('FR')).toBe(false);
    expect(isLocale('es')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe('fixedLocaleFor', () => {
  it('keeps ops, the demo tour and the partner simulators in English and leaves the store to the customer', () => {
    expect(fixedLocaleFor('/ops')).toBe('en');
    expect(fixedLocaleFor('/ops/calls')).toBe('en');
    expect(fixedLocaleFor('/ops/sign-in')).toBe('en');
    expect(fixedLocaleFor('/demo/tour/1')).toBe('en');
    expect(fixedLocaleFor('/sandbox/ultra/consent')).toBe('en');
    expect(fixedLocaleFor('/sandbox/flexiti/widget/abc/0123')).toBeNull(); // the widget speaks its own lang
    expect(fixedLocaleFor('/')).toBeNull();
    expect(fixedLocaleFor('/orders/SP-ABCDEFGHJK')).toBeNull();
    expect(fixedLocaleFor('/opsx')).toBeNull();
  });
});
