/**
 * Redaction for logs and the call log: tokens and secrets are removed entirely; personal data is
 * masked so QA can still tell two customers apart. Applied to headers, query strings and bodies.
 */

const SECRET_KEY = /token|secret|password|^(proxy-)?authorization$|^cookie$|^pin$|verification_code|signature/i;
// Keys whose values identify a person (Ultra scopes, Flexiti personal information, OpenTV accounts).
const PII_KEY =
  /^(email|mobileNumber|mobile|phone_number|first_name|last_name|firstName|lastName|name|dob|postal_code|address_1|address_2|city|signonId|vcc_number|account_number|accountNumber)$/i;
// identityToken is the customer's stable key: masked, not removed, so calls of one customer line up.
const IDENTITY_KEY = /^identityToken$/i;

export const REDACTED = '[redacted]';

// The exact secrets of this deployment (AUTH_SECRET, partner credentials, the webhook secret), set
// by lib/config.ts when the configuration is read. On globalThis: Next bundles this module more
// than once, and the configuration is read once per process.
const known = globalThis as unknown as { __redactSecrets?: string[] };

/** Remembers the configured secrets, so any text that echoes one is redacted (lib/config.ts). */
export function setKnownSecrets(secrets: readonly string[]): void {
  // Longest first, so a secret that contains another is removed whole; short ones would redact noise.
  known.__redactSecrets = [...new Set(secrets.filter((s) => s && s.length >= 6))].sort((a, b) => b.length - a.length);
}

const withoutKnownSecrets = (text: string) => redactText(text, known.__redactSecrets ?? []);

export function maskPii(value: unknown): string {
  const s = String(value ?? '');
  if (s.length <= 2) return '**';
  if (s.includes('@')) {
    const [user = '', domain = ''] = s.split('@');
    return `${user.slice(0, 1)}***@${domain.slice(0, 1)}***`;
  }
  return `${s.slice(0, 1)}***${s.slice(-2)}`;
}

function maskIdentity(value: unknown): string {
  const s = String(value ?? '');
  return s.length > 12 ? `${s.slice(0, 9)}…${s.slice(-3)}` : REDACTED;
}

export function redactValue(key: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (IDENTITY_KEY.test(key)) return maskIdentity(value);
  if (SECRET_KEY.test(key)) return REDACTED;
  if (PII_KEY.test(key) && (typeof value === 'string' || typeof value === 'number')) return maskPii(value);
  return redactDeep(value);
}

// Bearer-style tokens embedded in strings: Flexiti's 40-hex access tokens travel inside
// `redirection_url` (docs/partners/flexiti.md#widget-init "{posapi_url}/#/widget/{client_id}/{token}"), JWTs anywhere.
const EMBEDDED_TOKEN = /\b[0-9a-f]{40}\b|\beyJ[\w-]+\.[\w-]+\.[\w-]+/gi;

/** Deep copy with secret keys removed and personal data masked. */
export function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return withoutKnownSecrets(value).replace(EMBEDDED_TOKEN, REDACTED);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(k, v)]));
  }
  return value;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : String(redactValue(k, v))]),
  );
}

/**
 * Path and query of a URL with secret query parameters (accessToken, clientSecret, grantToken…)
 * redacted, and tokens or e-mail addresses inside path segments too (a widget URL carries one).
 */
export function redactUrl(url: string): string {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()]) {
    const v = u.searchParams.get(key);
    const r = redactValue(key, v);
    if (r !== v) u.searchParams.set(key, String(r));
  }
  let search = u.search;
  try {
    search = decodeURIComponent(search);
  } catch {
    // Keep it encoded: undecodable is still readable enough for a call log.
  }
  return redactLogText(`${u.pathname}${search}`);
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/**
 * Free text bound for a log line or a stored error (outbox `last_error`, partner messages): the
 * call log's rules for text, i.e. the configured secrets and embedded tokens removed, e-mail
 * addresses masked.
 */
export function redactLogText(text: string): string {
  return withoutKnownSecrets(text)
    .replace(EMBEDDED_TOKEN, REDACTED)
    .replace(EMAIL, (m) => maskPii(m));
}

/** Redacts the known secrets of a free-text string too (error messages may echo a token). */
export function redactText(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 6) out = out.split(s).join(REDACTED);
  return out;
}
