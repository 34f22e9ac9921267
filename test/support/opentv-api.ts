import { getConfig } from '@/lib/config';

/** Test helpers for the OpenTV sandbox contract tests (no production code imports this). */

export const TOKEN_PATH = '/sandbox/opentv/keycloak/auth/realms/nagra/protocol/openid-connect/token';

export async function postForm(
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export function passwordForm(): Record<string, string> {
  const o = getConfig().opentv;
  return { grant_type: 'password', client_id: o.clientId, username: o.username, password: o.password };
}

export async function operatorToken(appUrl: string): Promise<string> {
  const { status, body } = await postForm(`${appUrl}${TOKEN_PATH}`, passwordForm());
  if (status !== 200) throw new Error(`token: ${status} ${JSON.stringify(body)}`);
  return String(body.access_token);
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

/** An operator API call with the documented headers; `omit`/`override` break one on purpose. */
export async function operatorCall(
  appUrl: string,
  token: string,
  method: string,
  path: string,
  opts: { json?: unknown; headers?: Record<string, string | null> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'nv-tenant-id': getConfig().opentv.tenantId,
    'x-correlation-id': 'test-correlation',
  };
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (v === null) delete headers[k];
    else headers[k] = v;
  }
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${appUrl}/sandbox/opentv${path}`, {
    method,
    headers,
    body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
}
