import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { FIXED_LOCALE_HEADER, fixedLocaleFor } from '@/lib/i18n/locales';
import { newNonce, securityHeaders } from '@/lib/security/headers';
import { closedAuthPath, notFound, sandboxOnlyPath } from '@/lib/security/gated-routes';
import { badPageBody, badRequest, isPageRoute, tooLarge, undecodableUrl } from '@/lib/security/request-guard';

/**
 * Every request except static assets: answers 400 for input no route can take (the framework
 * would throw a 500), and sets the security headers with a fresh script nonce. Kept cheap: no
 * database, one random nonce per request. Next reads the nonce from the request's CSP header
 * and puts it on its own scripts, which makes pages render dynamically (accepted).
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const config = getConfig();
  const path = request.nextUrl.pathname;
  // Closed doors first, before any body is read: the sandbox's routes when it is off (one place,
  // not page by page), and Auth.js's own sign-in endpoints (the app has its own route).
  const closed = (!config.sandbox && sandboxOnlyPath(path)) || closedAuthPath(path);
  const refused = closed ? notFound() : tooLarge(request);
  const bad = refused ? null : (undecodableUrl(request.url) ?? (isPageRoute(path) ? await badPageBody(request) : null));
  const headers = securityHeaders({
    nonce: newNonce(),
    sandbox: config.sandbox,
    widgetOrigin: config.flexiti.widgetOrigin,
    https: config.appUrl.startsWith('https://'),
    dev: process.env.NODE_ENV === 'development',
    framedBy: sandboxFramedBy(config),
  });
  const csp = headers['content-security-policy']!;
  const response = refused ?? (bad ? badRequest(bad) : passOn(request, csp));
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** The sandbox on its own origin lets the store it serves frame its pages (README "Production path"). */
function sandboxFramedBy(config: ReturnType<typeof getConfig>): string | undefined {
  if (!config.sandbox) return undefined;
  const store = new URL(config.sandboxStoreUrl).origin;
  return store === new URL(config.appUrl).origin ? undefined : store;
}

function passOn(request: NextRequest, csp: string): NextResponse {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  // English-only pages (ops) render in English without touching the customer's remembered choice.
  requestHeaders.delete(FIXED_LOCALE_HEADER);
  const fixed = fixedLocaleFor(request.nextUrl.pathname);
  if (fixed) requestHeaders.set(FIXED_LOCALE_HEADER, fixed);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|woff2?)$).*)',
    },
  ],
};
