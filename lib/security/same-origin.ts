/**
 * A browser request from one of our own pages: its `Origin` names the host it was sent to (what
 * Next checks for server actions; a page elsewhere cannot forge the header). Route handlers that
 * act for the signed-in browser and take JSON check it (a JSON body already needs a CORS preflight
 * from another site; this is the second lock).
 */
export function fromSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
