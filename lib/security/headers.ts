/**
 * The security headers of every page and API answer (set by proxy.ts). Pure, so the policy can be
 * tested without a server. Scripts run only with the request's nonce (`strict-dynamic` lets the
 * framework's own chunks load); styles may be inline (React `style` attributes, font faces).
 */
export interface SecurityHeaderInput {
  nonce: string;
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

export function contentSecurityPolicy({ nonce, sandbox, widgetOrigin, dev, framedBy }: SecurityHeaderInput): string {
  // In sandbox mode the Flexiti widget, the Ultra consent sheet and the demo tour's store are our
  // own pages in frames; with real partners only the Flexiti widget is framed.
  const frames = sandbox ? `'self' ${widgetOrigin}` : widgetOrigin;
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
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
}

export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(input),
    'x-content-type-options': 'nosniff',
    // X-Frame-Options cannot name another origin; frame-ancestors says the same and more.
    ...(input.framedBy ? {} : { 'x-frame-options': 'SAMEORIGIN' }),
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), payment=()',
    ...(input.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
