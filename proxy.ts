import { NextResponse, type NextRequest } from 'next/server';
import { buildOutputDir, getConfig, ownServerOrigin } from '@/lib/config';
import { FIXED_LOCALE_HEADER, fixedLocaleFor } from '@/lib/i18n/locales';
import { newNonce, securityHeadersFor, type ScriptSources } from '@/lib/security/headers';
import { closedAuthPath, notFound, sandboxOnlyPath } from '@/lib/security/gated-routes';
import { badPageBody, badRequest, isPageRoute, tooLarge, undecodableUrl } from '@/lib/security/request-guard';
import {
  integrityManifest,
  isRenderRequest,
  renderPage,
  RENDER_HEADER,
  SERVED_HEADER,
  staticPage,
  staticPageFor,
  type RenderedPage,
} from '@/lib/security/static-pages';

type Config = ReturnType<typeof getConfig>;
type HeadersFor = (scripts: ScriptSources) => Record<string, string>;

/**
 * Every request except static assets: answers 400 for input no route can take (the framework
 * would throw a 500), and sets the security headers. Kept cheap: no database, and what depends
 * only on the configuration is computed once (headersFor).
 *
 * Two script policies (docs/architecture.md#script-policy): a signed-out GET of the catalog or a
 * product page is answered from its copy rendered once per language (lib/security/static-pages.ts)
 * with the hashes of its inline scripts; every other page gets a fresh nonce, which Next reads
 * from the request's CSP header and puts on its own scripts (so it renders per request).
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const config = getConfig();
  const path = request.nextUrl.pathname;
  const headersFor = configured(config);
  // Closed doors first, before any body is read: the sandbox's routes when it is off (one place,
  // not page by page), and Auth.js's own sign-in endpoints (the app has its own route).
  const closed = (!config.sandbox && sandboxOnlyPath(path)) || closedAuthPath(path);
  const refused = closed ? notFound() : tooLarge(request);
  const bad = refused ? null : (undecodableUrl(request.url) ?? (isPageRoute(path) ? await badPageBody(request) : null));
  const key = refused || bad ? null : staticPageFor(request);
  const copy = key
    ? await staticPage(key, (k) => renderPage(k, ownServerOrigin(), integrityManifest(buildOutputDir())))
    : null;
  if (copy) return served(copy, request.method, headersFor);
  // The proxy's own render of a copy gets no nonce, so none lands in the shared HTML. Not even on
  // its answer: Next copies a proxy's answer headers onto the request too, and would use it.
  const render = isRenderRequest(request);
  const headers = headersFor(render ? { hashes: [] } : { nonce: newNonce() });
  const csp = headers['content-security-policy']!;
  const response = refused ?? (bad ? badRequest(bad) : passOn(request, render ? null : csp));
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Per configuration, once (the configuration is one object per process; tests swap it).
const perConfig = new WeakMap<Config, HeadersFor>();
function configured(config: Config): HeadersFor {
  let headersFor = perConfig.get(config);
  if (!headersFor) {
    headersFor = securityHeadersFor({
      sandbox: config.sandbox,
      widgetOrigin: config.flexiti.widgetOrigin,
      https: config.appUrl.startsWith('https://'),
      dev: process.env.NODE_ENV === 'development',
      framedBy: sandboxFramedBy(config),
    });
    perConfig.set(config, headersFor);
  }
  return headersFor;
}

/** The sandbox on its own origin lets the store it serves frame its pages (README "Production path"). */
function sandboxFramedBy(config: Config): string | undefined {
  if (!config.sandbox) return undefined;
  const store = new URL(config.sandboxStoreUrl).origin;
  return store === new URL(config.appUrl).origin ? undefined : store;
}

// A copy's answer, built once per copy: its headers (its own, then the policy with its hashes) and
// its body as UTF-8 bytes (a string body is encoded again on every answer).
const servedAnswers = new WeakMap<
  RenderedPage,
  { for: HeadersFor; entries: [string, string][]; body: Uint8Array<ArrayBuffer> }
>();

function served(copy: RenderedPage, method: string, headersFor: HeadersFor): Response {
  let built = servedAnswers.get(copy);
  if (built?.for !== headersFor) {
    const headers = new Headers(copy.headers);
    for (const [name, value] of Object.entries(headersFor({ hashes: copy.hashes }))) headers.set(name, value);
    headers.set(SERVED_HEADER, 'static');
    built = { for: headersFor, entries: [...headers], body: new TextEncoder().encode(copy.html) };
    servedAnswers.set(copy, built);
  }
  return new NextResponse(method === 'HEAD' ? null : built.body, { status: 200, headers: built.entries });
}

function passOn(request: NextRequest, csp: string | null): NextResponse {
  const requestHeaders = new Headers(request.headers);
  if (csp) requestHeaders.set('content-security-policy', csp);
  else requestHeaders.delete('content-security-policy');
  requestHeaders.delete(RENDER_HEADER);
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
