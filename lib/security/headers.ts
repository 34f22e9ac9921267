/**
 * The security headers of every page and API answer (set by proxy.ts). Pure, so the policy can be
 * tested without a server. Scripts run only if the policy names them, one of two ways
 * (docs/architecture.md#script-policy):
 * - a per-request nonce (`strict-dynamic` lets the framework's own chunks load): pages rendered
 *   per request, Next stamps the nonce on its scripts;
 * - the sha256 hashes of the page's inline scripts plus `'self'` for the script files: the
 *   signed-out catalog and product pages, rendered once and served to everyone
 *   (lib/security/static-pages.ts), which cannot carry a per-request nonce.
 * Styles may be inline (React `style` attributes, font faces).
 */
export type ScriptSources = { nonce: string } | { hashes: readonly string[] };

export interface SecurityHeaderInput {
  sandbox: boolean;
  /** The only origin allowed in a frame besides our own sandbox pages (FLEXITI_WIDGET_ORIGIN). */
  widgetOrigin: string;
  /** HSTS is sent only when the public origin is https. */
  https: boolean;
  /** `next dev` needs eval for its React refresh runtime; never in a production build. */
  dev: boolean;
  /**
   * The sandbox on its own origin (SANDBOX_STORE_URL): the store's origin, which frames the Flexiti
   * widget and the consent sheet from here, as it frames the real Flexiti widget.
   */
  framedBy?: string;
}

function scriptSrc(scripts: ScriptSources, dev: boolean): string {
  const eval_ = dev ? ` 'unsafe-eval'` : '';
  if ('nonce' in scripts) return `script-src 'self' 'nonce-${scripts.nonce}' 'strict-dynamic'${eval_}`;
  // No 'strict-dynamic' here: it would ignore 'self', and the page's <script src> tags (parser
  // inserted) would then each need a hash too. The inline scripts are allowed one by one.
  return `script-src 'self'${scripts.hashes.map((h) => ` '${h}'`).join('')}${eval_}`;
}

/**
 * The headers for one configuration, built once: every directive but `script-src` is fixed, so a
 * request pays only for its own script sources (proxy.ts runs for every request).
 */
export function securityHeadersFor(input: SecurityHeaderInput): (scripts: ScriptSources) => Record<string, string> {
  const { sandbox, widgetOrigin, dev, framedBy, https } = input;
  // In sandbox mode the Flexiti widget, the Ultra consent sheet and the demo tour's store are our
  // own pages in frames; with real partners only the Flexiti widget is framed.
  const frames = sandbox ? `'self' ${widgetOrigin}` : widgetOrigin;
  const before = `default-src 'self'`;
  const after = [
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `frame-src ${frames}`,
    // The demo tour frames the store from our own origin; the Flipkart app loads it top-level.
    `frame-ancestors 'self'${framedBy ? ` ${framedBy}` : ''}`,
    `form-action 'self'`,
    `base-uri 'none'`,
    `object-src 'none'`,
  ].join('; ');
  const rest: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    // X-Frame-Options cannot name another origin; frame-ancestors says the same and more.
    ...(framedBy ? {} : { 'x-frame-options': 'SAMEORIGIN' }),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), payment=()',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  return (scripts) => ({
    'content-security-policy': `${before}; ${scriptSrc(scripts, dev)}; ${after}`,
    ...rest,
  });
}

export function contentSecurityPolicy(input: SecurityHeaderInput & { scripts: ScriptSources }): string {
  return securityHeaders(input)['content-security-policy']!;
}

export function securityHeaders(input: SecurityHeaderInput & { scripts: ScriptSources }): Record<string, string> {
  return securityHeadersFor(input)(input.scripts);
}

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
