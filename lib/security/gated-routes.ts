/**
 * Paths the proxy answers itself, before any page or handler runs (docs/deploy.md#sandbox-safety).
 * Pure, so a test can walk the app directory against it.
 */

/** Everything under a `sandbox` or `demo` segment: the simulators, the clock, the tour, ops' sandbox tools. */
const SANDBOX_ONLY = /^\/(sandbox|demo|ops\/sandbox)(\/|$)/;

/**
 * The path as the router will match it: percent-escapes decoded per segment (`/%73andbox`),
 * repeated slashes folded, any case. Over-matching only means a 404 for a path no route serves.
 */
function routable(pathname: string): string {
  const decoded = pathname.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  return decoded
    .join('/')
    .replace(/\/{2,}/g, '/')
    .toLowerCase();
}

/** With the sandbox off these are a 404, whatever the page or handler behind them would do. */
export function sandboxOnlyPath(pathname: string): boolean {
  return SANDBOX_ONLY.test(routable(pathname));
}

/**
 * Auth.js's own sign-in endpoints. The app signs customers in only through
 * `POST /api/sign-in/flipkart` (origin check, 4 KB cap, sign-in limits); the callback would
 * otherwise be a second door to Flipkart's grant exchange with none of those.
 */
const AUTHJS_SIGN_IN = /^\/api\/auth\/(callback|signin)(\/|$)/;

export function closedAuthPath(pathname: string): boolean {
  return AUTHJS_SIGN_IN.test(routable(pathname));
}

export function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
