import { REDACTED, redactDeep, redactHeaders, redactUrl } from '@/lib/security/redact';

/** What the call log keeps of a request (lib/partners/http.ts): redacted headers and body. */
interface LoggedRequest {
  headers?: Record<string, string>;
  body?: unknown;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function isLoggedRequest(v: unknown): v is LoggedRequest {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A call-log row as a `curl` command, to replay it by hand against a sandbox. Built only from
 * what the log stored, redacted again on the way out, so a secret the log never held cannot
 * appear and one it held by mistake does not leave: QA fills in `[redacted]` values themselves.
 */
export function toCurl(call: { method: string; path: string; request: unknown }, origin: string): string {
  const req = isLoggedRequest(call.request) ? call.request : {};
  const headers = redactHeaders(req.headers ?? {});
  const body = redactDeep(req.body ?? null);
  const url = new URL(redactUrl(new URL(call.path, origin).toString()), origin);
  const parts = [`curl -X ${call.method} ${quote(url.toString())}`];
  for (const [k, v] of Object.entries(headers)) parts.push(`-H ${quote(`${k}: ${v}`)}`);
  if (body !== null && body !== undefined) {
    const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const text =
      form && typeof body === 'object'
        ? new URLSearchParams(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
            .toString()
            .replaceAll(encodeURIComponent(REDACTED), REDACTED)
        : JSON.stringify(body);
    parts.push(`--data-raw ${quote(text)}`);
  }
  return parts.join(' \\\n  ');
}
