/**
 * The simulated Flipkart native bridge for the browser (docs/partners/ultra.md#native-bridge): the
 * sign-in component (components/auth/sign-in-flow.tsx) hands it to lib/partners/ultra/sdk.ts,
 * which installs it outside the Flipkart app when the sandbox is on, before the SDK is created. Android-style: `window.AuthModule`, `window.PermissionsModule`, … with named methods
 * only (never `postMessage` as well, or every call would fire twice, docs/partners/ultra.md#native-bridge). Replies go through
 * `window.FKExtension.nativeModuleResolve / nativeModuleReject`, exactly as the Flipkart app's.
 *
 * `PermissionsModule.getToken` opens the sandbox consent sheet (`/sandbox/ultra/consent`) in a
 * full-screen frame, like Flipkart's native bottom sheet over the partner's WebView. The sheet
 * mints the grant token with the sandbox and posts the answer back here.
 */

export const CONSENT_MESSAGE = 'fk-sandbox-consent';
export const CONSENT_PATH = '/sandbox/ultra/consent';

/** What the consent sheet answers, and the message it posts to its parent. */
export type ConsentOutcome =
  | { outcome: 'answered'; grantToken: string; result: Record<string, boolean> }
  | { outcome: 'dismissed' }
  | { outcome: 'failed'; code: number; message: string };
export type ConsentMessage = { source: typeof CONSENT_MESSAGE; requestId: string } & ConsentOutcome;

interface Extension {
  nativeModuleResolve?: (r: { requestId: string; result: unknown; grantToken?: string | null }) => void;
  nativeModuleReject?: (e: { requestId: string; message: string; code: number }) => void;
}

export interface BridgeOptions {
  /**
   * Where the consent sheet is served: this page's own origin (the sandbox inside the store), or
   * the sandbox's own origin when it runs apart from the store (README "Production path").
   */
  consentOrigin?: string;
}

/**
 * Installs the bridge once per page. Self-contained (nothing from outside its body, not even the
 * constants above), so a test harness playing the Flipkart app can inject it into a store page
 * before the page's own scripts: `page.addInitScript(installSandboxBridge, { consentOrigin })`
 * (e2e/support/flipkart-app.ts), as the Flipkart app's WebView injects its native modules.
 */
export function installSandboxBridge(options: BridgeOptions = {}): void {
  type BridgeWindow = { FKExtension?: Extension; __fkSandboxBridge?: boolean } & Record<string, unknown>;
  const w = window as unknown as BridgeWindow;
  if (w.__fkSandboxBridge) return;
  w.__fkSandboxBridge = true;
  // Literal copies of CONSENT_MESSAGE and CONSENT_PATH (bridge.test.ts checks they agree).
  const consentMessage = 'fk-sandbox-consent';
  const consentOrigin = options.consentOrigin ?? window.location.origin;
  const consentUrl = `${consentOrigin}/sandbox/ultra/consent`;
  const USER_DISMISS = 1004;
  const NETWORK_ERROR = 1001;
  let clientId = '';

  const resolve = (requestId: string, result: unknown, grantToken?: string) =>
    w.FKExtension?.nativeModuleResolve?.({ requestId, result, grantToken });
  const reject = (requestId: string, message: string, code: number) =>
    w.FKExtension?.nativeModuleReject?.({ requestId, message, code });
  const log = (what: string, ...args: unknown[]) => console.info(`[flipkart sandbox bridge] ${what}`, ...args);

  const openConsentSheet = (requestId: string, scopesJson: string): void => {
    const previousFocus = document.activeElement as HTMLElement | null;
    const frame = document.createElement('iframe');
    // Flipkart's sheet speaks the app's language; here, the store page's.
    const lang = document.documentElement.lang || 'en';
    const params = new URLSearchParams({ requestId, clientId, scopes: scopesJson, lang });
    frame.src = `${consentUrl}?${params}`;
    frame.title = 'Flipkart permissions';
    frame.setAttribute('data-testid', 'flipkart-consent-frame');
    Object.assign(frame.style, {
      position: 'fixed',
      inset: '0',
      width: '100%',
      height: '100%',
      border: '0',
      zIndex: '2147483647',
      background: 'transparent',
      colorScheme: 'normal',
    });
    let settled = false;

    const close = () => {
      window.removeEventListener('message', onMessage);
      frame.remove();
      previousFocus?.focus?.();
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as ConsentMessage | null;
      if (event.origin !== consentOrigin || event.source !== frame.contentWindow) return;
      if (!data || data.source !== consentMessage || data.requestId !== requestId || settled) return;
      settled = true;
      close();
      if (data.outcome === 'answered') resolve(requestId, data.result, data.grantToken);
      else if (data.outcome === 'dismissed') reject(requestId, 'User dismissed', USER_DISMISS);
      else if (data.outcome === 'failed') reject(requestId, data.message, data.code);
      else reject(requestId, 'Flipkart could not complete the request', NETWORK_ERROR);
    };
    window.addEventListener('message', onMessage);
    frame.addEventListener('load', () => frame.contentWindow?.focus());
    document.body.appendChild(frame);
  };

  w.AuthModule = {
    init(id: string) {
      clientId = id;
    },
  };
  w.PermissionsModule = {
    getToken(requestId: string, scopesJson: string) {
      openConsentSheet(requestId, scopesJson);
    },
  };
  // Fire-and-forget navigation (docs/partners/ultra.md#navigation): there is no Flipkart app around the sandbox to go back to.
  w.NavigationModule = {
    exitSession: () => log('exitSession'),
    exitToHomePage: () => log('exitToHomePage'),
    clearHistory: () => log('clearHistory'),
    startPayment: () => log('startPayment'),
    notifyPageLocationChange: (uri: string, back: boolean) => log('notifyPageLocationChange', uri, back),
    navigateToFlipkart: (uri: string) => log('navigateToFlipkart', uri),
  };
  w.ContactsModule = {
    pickPhoneNumber: (requestId: string) => reject(requestId, 'No contacts in the sandbox', 1006),
    getContactInfo: (requestId: string) => resolve(requestId, {}),
  };
  w.AnalyticsModule = {
    pushEvent: (requestId: string, type: string, event: string) => {
      log('pushEvent', type, event);
      resolve(requestId, {});
    },
    onEventValidationError: (_requestId: string, type: string, message: string) => log('invalid event', type, message),
  };
  w.SMSModule = {
    captureMessage: (requestId: string) => reject(requestId, 'SMS capture is not available in the sandbox', 0),
  };
}
