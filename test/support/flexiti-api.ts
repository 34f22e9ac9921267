// Test support (imported by *.db.test.ts), never by app code.
import { getConfig } from '@/lib/config';

/**
 * Raw HTTP helpers for the Flexiti sandbox contract tests: what a partner integrator would send,
 * with no client code in between.
 */
export function flexitiApi(baseUrl: string) {
  const { clientId, clientSecret } = getConfig().flexiti;
  const root = `${baseUrl}/sandbox/flexiti/flexiti/pos-api`;
  const v25 = `${root}/v2.5/client-id/${clientId}`;
  const v251 = `${root}/v2.5.1/client-id/${clientId}`;
  const refId = () => crypto.randomUUID().replace(/-/g, '');

  async function tokenRaw(form: Record<string, string>) {
    const res = await fetch(`${root}/v2.5/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function token(scope: 'merchant' | 'customer' = 'customer') {
    const r = await tokenRaw({ client_id: clientId, client_secret: clientSecret, scope });
    if (r.status !== 200) throw new Error(`token: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { access_token: string; refresh_token: string; scope: string; expires_in: number };
  }

  async function call(
    method: 'GET' | 'POST',
    url: string,
    bearer: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(url, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        'x-reference-id': refId(),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** widget/init, returning the session id and the widget key from the redirection URL. */
  async function init(bearer: string, body: unknown, headers?: Record<string, string>) {
    const r = await call('POST', `${v25}/widget/init`, bearer, body, headers);
    if (r.status !== 200) return { ...r, sessionId: '', key: '' };
    const u = new URL(r.body.redirection_url as string);
    return { ...r, sessionId: u.searchParams.get('widget_session_id')!, key: u.pathname.split('/').pop()! };
  }

  /** What the widget page does when the tester picks a scenario. */
  async function outcome(key: string, scenario: string, pin?: string) {
    return call('POST', `${baseUrl}/sandbox/flexiti/widget-api/${key}/outcome`, null, { scenario, pin });
  }

  /** A verified purchase session for an account: init + the widget's verified-purchase outcome. */
  async function verifiedPurchase(bearer: string, accountNumber: string) {
    const s = await init(bearer, {
      flow: 'purchase',
      customer_identification: { account_number: Number(accountNumber) },
    });
    const o = await outcome(s.key, 'verified-purchase', '2222');
    if (o.status !== 200) throw new Error(`outcome: ${o.status} ${JSON.stringify(o.body)}`);
    return s.sessionId;
  }

  return { clientId, clientSecret, root, v25, v251, refId, tokenRaw, token, call, init, outcome, verifiedPurchase };
}
