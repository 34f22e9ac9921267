import { describe, expect, it } from 'vitest';
import { isLocale, negotiateLocale } from './locales';

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
