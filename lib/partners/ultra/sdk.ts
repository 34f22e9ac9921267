/**
 * The browser's only door to `fk-platform-sdk/web` (docs/partners/ultra.md#sdk).
 * - Browser only: the SDK reads `window`/`navigator` at import time (docs/partners/ultra.md#sdk-loading), so it is loaded with
 *   a dynamic `import()` on first use, never during SSR.
 * - One `FKPlatform` per page: each construction re-registers the global reply callbacks, which
 *   would strand the promises of an older instance (docs/partners/ultra.md#sdk-loading).
 * - Inside the Flipkart container (UA contains `UltraSDK`, docs/partners/ultra.md#container-detection) the container answers. Outside it
 *   with the sandbox on, the simulated native bridge is installed first (docs/partners/ultra.md#native-bridge) and the SDK
 *   is told it runs in the container via `FKPlatform.setUserAgent`, so the real SDK code path runs
 *   unchanged. Outside it with the sandbox off there is no way to sign in: `FlipkartAppRequired`.
 */

export interface ScopeRequest {
  scope: string;
  isMandatory?: boolean;
  shouldVerify?: boolean;
}

export interface GrantAnswer {
  grantToken: string;
  /** `{scope: granted}` for each requested scope (docs/partners/ultra.md#get-token). */
  result: Record<string, boolean>;
}

export interface SdkOptions {
  /** `merchant.app` (docs/partners/ultra.md#client-id-forms). */
  clientId: string;
  /** Whether the server runs the partner sandboxes (a prop from the server; no secret). */
  sandbox: boolean;
  /**
   * Installs the simulated native bridge (sandbox on, outside the Flipkart app). Passed in by the
   * UI that loads it (components/auth/), so this module never imports the sandbox.
   */
  installSandboxBridge?: () => Promise<void>;
}

/** docs/partners/ultra.md#get-token "Handling Errors". */
export const SDK_ERROR = {
  UNKNOWN: 0,
  NETWORK_ERROR: 1001,
  JSON_PARSE_ERROR: 1002,
  INVALID_PERMISSIONS: 1003,
  USER_DISMISS: 1004,
  BAD_PERMISSION_REQUEST: 1005,
} as const;

/** The UA suffix the Flipkart Android app adds (docs/partners/ultra.md#container-detection); used to enter "container mode" in the sandbox. */
export const SANDBOX_USER_AGENT_SUFFIX = ' [Flipkart/com.flipkart.android/850000/5.16/UltraSDK/4/1.4.2]';

export class FlipkartAppRequired extends Error {
  constructor() {
    super('Sign-in with Flipkart works inside the Flipkart app');
    this.name = 'FlipkartAppRequired';
  }
}

/** A rejection from the SDK or the container; `code` as in docs/partners/ultra.md#get-token (`e.code ?? e.errorCode`, docs/partners/ultra.md#get-token). */
export class SdkRejection extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'SdkRejection';
  }
}

interface PermissionsModule {
  getToken(scopes: ScopeRequest[]): Promise<{ grantToken?: string | null; result?: Record<string, boolean> }>;
}
interface NavigationModule {
  exitSession(): void;
  navigateToFlipkart(uri: string): void;
}
interface FKPlatformInstance {
  getModuleHelper(): { getPermissionsModule(): PermissionsModule; getNavigationModule(): NavigationModule };
}
interface FKPlatformClass {
  new (clientId: string): FKPlatformInstance;
  setUserAgent(ua: string): void;
  isPlatformAvailable(): boolean;
}

export function isInFlipkart(userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent): boolean {
  return userAgent.includes('UltraSDK');
}

/**
 * The package is CommonJS with `__esModule` and `exports.default = FKPlatform`. Turbopack (Next
 * 16.4 build, checked in its runtime's interop) honours `__esModule`, so the dynamic import's
 * `default` is the class; Node's own ESM import of CommonJS gives `default = module.exports`, so
 * the class is `default.default` there. Both are accepted; anything else fails loudly.
 */
export function resolveFKPlatform(mod: unknown): FKPlatformClass {
  const m = mod as { default?: { default?: unknown } & object };
  const candidates = [m.default?.default, m.default, mod];
  const cls = candidates.find(
    (c): c is FKPlatformClass =>
      typeof c === 'function' && typeof (c as Partial<FKPlatformClass>).setUserAgent === 'function',
  );
  if (!cls) throw new Error('fk-platform-sdk/web did not export the FKPlatform class');
  return cls;
}

let platform: Promise<FKPlatformInstance> | undefined;

async function createPlatform(opts: SdkOptions): Promise<FKPlatformInstance> {
  if (typeof window === 'undefined') throw new Error('The Flipkart SDK runs in the browser only');
  const inside = isInFlipkart();
  if (!inside && !opts.sandbox) throw new FlipkartAppRequired();
  if (!inside) {
    // The bridge must exist before the SDK builds its modules: they capture `window.PermissionsModule`.
    if (!opts.installSandboxBridge) throw new Error('sandbox on, but no sandbox bridge was given to the Flipkart SDK');
    await opts.installSandboxBridge();
  }
  const FKPlatform = resolveFKPlatform(await import('fk-platform-sdk/web'));
  if (!inside) FKPlatform.setUserAgent(`${navigator.userAgent}${SANDBOX_USER_AGENT_SUFFIX}`);
  return new FKPlatform(opts.clientId);
}

/** The page's one FKPlatform instance (a failed creation is retried on the next call). */
export function getPlatform(opts: SdkOptions): Promise<FKPlatformInstance> {
  platform ??= createPlatform(opts).catch((e: unknown) => {
    platform = undefined;
    throw e;
  });
  return platform;
}

/**
 * Asks Flipkart for a grant token (docs/partners/ultra.md#get-token). Resolves even when some scopes are denied (check
 * `result`); rejects with `SdkRejection` (code 1004 when the customer dismissed the sheet) or
 * `FlipkartAppRequired`.
 */
export async function getGrantToken(scopes: ScopeRequest[], opts: SdkOptions): Promise<GrantAnswer> {
  const fk = await getPlatform(opts);
  let answer: Awaited<ReturnType<PermissionsModule['getToken']>>;
  try {
    answer = await fk.getModuleHelper().getPermissionsModule().getToken(scopes);
  } catch (e) {
    const err = (e ?? {}) as { message?: unknown; code?: unknown; errorCode?: unknown };
    const code = Number(err.code ?? err.errorCode ?? SDK_ERROR.UNKNOWN);
    throw new SdkRejection(String(err.message ?? 'Flipkart did not answer'), Number.isFinite(code) ? code : 0);
  }
  if (!answer?.grantToken) throw new SdkRejection('Flipkart answered without a grant token', SDK_ERROR.UNKNOWN);
  return { grantToken: answer.grantToken, result: answer.result ?? {} };
}
