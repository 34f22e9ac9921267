import { afterEach, describe, expect, it } from 'vitest';
import { FlipkartAppRequired, getGrantToken, isInFlipkart, resolveFKPlatform } from './sdk';

/** The SDK adapter's pure parts (the browser path itself runs in e2e/sign-in.spec.ts). */

class FakePlatform {
  static setUserAgent() {}
}

describe('resolveFKPlatform (fk-platform-sdk/web is CommonJS with __esModule and exports.default)', () => {
  it('finds the class as mod.default (Turbopack, __esModule honoured) and as mod.default.default (Node ESM interop)', () => {
    expect(resolveFKPlatform({ default: FakePlatform })).toBe(FakePlatform);
    expect(resolveFKPlatform({ default: { default: FakePlatform, Scope: {} } })).toBe(FakePlatform);
  });

  it('fails loudly when the package shape changes', () => {
    expect(() => resolveFKPlatform({ default: { Scope: {} } })).toThrow(/FKPlatform class/);
    expect(() => resolveFKPlatform({})).toThrow(/FKPlatform class/);
  });
});

describe('isInFlipkart', () => {
  it('is true only for a user agent with UltraSDK', () => {
    expect(isInFlipkart('Mozilla/5.0 … [Flipkart/com.flipkart.android/850000/5.16/UltraSDK/4/1.4.2]')).toBe(true);
    expect(isInFlipkart('Mozilla/5.0 (Linux; Android 14; Pixel 7) Chrome/120 Mobile Safari/537.36')).toBe(false);
  });
});

describe('getGrantToken outside Flipkart', () => {
  const g = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete g.window;
    Object.defineProperty(globalThis, 'navigator', { value: undefined, configurable: true });
  });

  it('with the sandbox off, says sign-in needs the Flipkart app (no SDK, no bridge)', async () => {
    g.window = {};
    Object.defineProperty(globalThis, 'navigator', {
      value: { userAgent: 'Mozilla/5.0 Chrome/120' },
      configurable: true,
    });
    await expect(
      getGrantToken([{ scope: 'user.name' }], { clientId: 'hotstar.test', sandbox: false }),
    ).rejects.toBeInstanceOf(FlipkartAppRequired);
    expect(g.window).toEqual({});
  });
});
