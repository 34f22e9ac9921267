import { afterEach, describe, expect, it } from 'vitest';
import { CONSENT_MESSAGE, CONSENT_PATH, installSandboxBridge } from './bridge';

describe('the simulated Flipkart bridge', () => {
  const g = globalThis as unknown as Record<string, unknown>;
  afterEach(() => {
    delete g.window;
  });

  it('is self-contained: rebuilt from its source alone (as a test harness injects it) it installs the modules', () => {
    const source = installSandboxBridge.toString();
    expect(source).toMatch(new RegExp(`["']${CONSENT_MESSAGE}["']`));
    expect(source).toContain(CONSENT_PATH);
    const rebuilt = new Function(`return (${source})`)() as typeof installSandboxBridge;
    const fakeWindow: Record<string, unknown> = { location: { origin: 'http://127.0.0.1:3100' } };
    g.window = fakeWindow;
    rebuilt({ consentOrigin: 'http://127.0.0.2:3101' });
    for (const m of ['AuthModule', 'PermissionsModule', 'NavigationModule', 'AnalyticsModule'])
      expect(fakeWindow[m], m).toBeTypeOf('object');
    expect(fakeWindow.__fkSandboxBridge).toBe(true);
  });
});
