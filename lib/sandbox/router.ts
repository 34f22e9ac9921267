/**
 * A tiny method + path router for the partner sandboxes. Sandboxes are plain Fetch handlers
 * (Request → Response), so the same code serves `next start` (app/sandbox/[...path]/route.ts) and
 * the Vitest HTTP server (test/support/sandbox-server.ts).
 */

export interface SandboxContext {
  params: Record<string, string>;
  url: URL;
  /** The path inside the sandbox, e.g. `/1/authorization/auth`. */
  path: string;
}
export type SandboxHandler = (req: Request, ctx: SandboxContext) => Promise<Response> | Response;
export type SandboxApp = (req: Request, path: string) => Promise<Response>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

export function createRouter(
  routes: [Method | Method[], string, SandboxHandler][],
  notFound: (path: string) => Response | Promise<Response> = (path) =>
    json({ error: 'not_found', message: `No sandbox route ${path}` }, 404),
): SandboxApp {
  const compiled = routes.map(([method, pattern, handler]) => {
    const names: string[] = [];
    const re = new RegExp(
      '^' +
        pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z_]+)/g, (_, n: string) => {
          names.push(n);
          return '([^/]+)';
        }) +
        '/?$',
    );
    return { methods: Array.isArray(method) ? method : [method], re, names, handler };
  });
  return async (req, path) => {
    const url = new URL(req.url);
    let pathMatched = false;
    for (const r of compiled) {
      const m = r.re.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (!r.methods.includes(req.method as Method)) continue;
      const params = decodeParams(r.names, m);
      if (!params) return json({ error: 'invalid_request', message: `path: a parameter of ${path} is not valid` }, 400);
      return r.handler(req, { params, url, path });
    }
    return pathMatched ? json({ error: 'method_not_allowed', message: `${req.method} ${path}` }, 405) : notFound(path);
  };
}

/**
 * Path parameters, percent-decoded exactly once (the path arrives still encoded): null when one
 * does not decode, is empty, is over 200 characters or holds a control character.
 */
function decodeParams(names: string[], m: RegExpExecArray): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [i, n] of names.entries()) {
    let v: string;
    try {
      v = decodeURIComponent(m[i + 1] ?? '');
    } catch {
      return null;
    }
    if (!v || v.length > 200 || /[\u0000-\u001f\u007f]/.test(v)) return null;
    params[n] = v;
  }
  return params;
}

/** Reads a JSON body; `undefined` when it is missing or not JSON (the sandbox answers 400/409 then). */
export async function readJson(req: Request): Promise<unknown> {
  try {
    const text = await req.text();
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads an `application/x-www-form-urlencoded` body (also accepts JSON, docs/partners/flexiti.md#token-request). */
export async function readForm(req: Request): Promise<Record<string, string> | undefined> {
  const type = req.headers.get('content-type') ?? '';
  const text = await req.text();
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes('json')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
