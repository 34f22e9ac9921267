/**
 * Turns requests that cannot be what any route accepts into a 400 before a page or handler sees
 * them (the framework would answer 500): undecodable percent-encoding in the path or the query,
 * and a form body to a page that is not a well-formed form. Pure Fetch API, so tests can call it.
 */

import { problem } from '@/lib/api/problem';

/**
 * The sandbox's pages, as the routes of the page.tsx files under app/sandbox (`[x]`: a segment);
 * every other /sandbox path is its route handler. request-guard.test.ts keeps this list equal to
 * the page files, so a new sandbox page cannot be missed.
 */
export const SANDBOX_PAGES = [
  'clock',
  'flexiti/cardholder-agreement',
  'flexiti/widget-host',
  'flexiti/widget/[clientId]/[key]',
  'opentv/activate/[token]',
  'ultra/consent',
  'ultra/oms/my-orders',
];
const pagePattern = (page: string) =>
  page
    .split('/')
    .map((s) => (s.startsWith('[') ? '.+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
const SANDBOX_PAGE = new RegExp(`^/sandbox/(${SANDBOX_PAGES.map(pagePattern).join('|')})$`);

/** Route handlers (they read their own bodies and answer 4xx themselves); everything else is a page. */
const ROUTE_HANDLER = /^\/(api\/|demo\/start$|ops\/forbidden$|sandbox\/)/;

/** The largest form a page accepts (server actions' own limit is 1 MB). */
export const PAGE_FORM_LIMIT = 1024 * 1024;

/** The largest body any request may declare: what next.config.js lets the proxy hold. */
export const REQUEST_BODY_LIMIT = 1024 * 1024;

/**
 * A declared Content-Length over the limit is refused at once. A chunked body has no length:
 * Next hands the proxy and the handler at most REQUEST_BODY_LIMIT of it, and every handler's own
 * cap (4 KB to 1 MB) refuses what is too long.
 */
export function tooLarge(req: Request): Response | null {
  const length = Number(req.headers.get('content-length') ?? '0');
  if (!(length > REQUEST_BODY_LIMIT)) return null;
  return problem('payload_too_large', 'body: larger than 1 MiB', { headers: { connection: 'close' } });
}

export function badRequest(reason: string): Response {
  return problem('bad_request', reason);
}

function decodes(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/** The path and query as the client sent them (before any framework decoding). */
export function undecodableUrl(rawUrl: string): string | null {
  const at = rawUrl.indexOf('://');
  const pathStart = at < 0 ? 0 : rawUrl.indexOf('/', at + 3);
  const rest = pathStart < 0 ? '/' : rawUrl.slice(pathStart);
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? '' : rest.slice(q + 1).split('#')[0]!;
  if (!path.split('/').every(decodes)) return 'path: invalid percent-encoding';
  if (/%00/i.test(path)) return 'path: must not contain a NUL byte';
  if (!query.split('&').every((pair) => pair.split('=').every((p) => decodes(p.replace(/\+/g, ' ')))))
    return 'query: invalid percent-encoding';
  return null;
}

export function isPageRoute(pathname: string): boolean {
  return !ROUTE_HANDLER.test(pathname) || SANDBOX_PAGE.test(pathname);
}

/**
 * A POST to a page is a server action: a Next-Action call (text/plain or multipart) or a plain
 * HTML form (multipart or urlencoded). Anything else, or a form that does not parse, is a 400.
 */
export async function badPageBody(req: Request): Promise<string | null> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > PAGE_FORM_LIMIT) return 'body: too large for a form';
  const isForm = type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded');
  const isAction = req.headers.has('next-action');
  if (!isForm && !(isAction && type.startsWith('text/plain'))) {
    return 'content-type: a page accepts only a form (multipart/form-data or application/x-www-form-urlencoded)';
  }
  if (!isForm) return null;
  try {
    await req.clone().formData();
    return null;
  } catch {
    return 'body: not a well-formed form';
  }
}
