import { devices, type BrowserContext } from '@playwright/test';
import { SANDBOX_USER_AGENT_SUFFIX } from '../../lib/partners/ultra/browser';
import { installSandboxBridge } from '../../lib/sandbox/ultra/bridge';

/**
 * Playing the Flipkart app around a store that runs with SANDBOX=off (README "Production path"):
 * the store signs customers in only inside the app (user agent with `UltraSDK`), whose WebView
 * provides the native modules. Here the browser's user agent says so and every page gets the
 * sandbox's simulated bridge before its own scripts, opening the consent sheet from the sandbox's
 * own origin, where the Ultra sandbox mints the grant.
 */
export const FLIPKART_APP_USER_AGENT = `${devices['Pixel 7'].userAgent}${SANDBOX_USER_AGENT_SUFFIX}`;

export async function playFlipkartApp(context: BrowserContext, sandboxUrl: string): Promise<void> {
  const options = JSON.stringify({ consentOrigin: new URL(sandboxUrl).origin });
  // As source text: under tsx (the chaos suite) esbuild's keepNames wraps inner functions in
  // `__name(...)`, a helper that does not exist in the page, so it is defined as a no-op around it (not on the page's window).
  await context.addInitScript(
    `(() => { const __name = (f) => f; (${installSandboxBridge.toString()})(${options}); })();`,
  );
}
