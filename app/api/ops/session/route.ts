import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { STAFF_COOKIE, staffCookieOptions } from '@/lib/ops/session-token';
import { signInStaff } from '@/lib/ops/staff-session';
import { clientAddress, minutesText, tooManyRequests } from '@/lib/security/rate-limit';
import { readJsonBody } from '@/lib/api/json-body';
import { problem } from '@/lib/api/problem';
import { fromSameOrigin } from '@/lib/security/same-origin';
import { staffSessionBody } from './schema';

export const dynamic = 'force-dynamic';

/**
 * Staff sign-in for scripts (the chaos runner, QA tools): the same accounts, lockout and audit as
 * the /ops/sign-in form; answers 204 with the `ops_session` cookie.
 */
export async function POST(req: Request): Promise<Response> {
  // A browser always names the page it posts from: another site's page is refused (login CSRF into
  // an account of the attacker's choosing). A script sends no Origin, and then JSON only, which a
  // page elsewhere cannot send without a CORS preflight.
  const hasOrigin = req.headers.has('origin');
  if (hasOrigin && !fromSameOrigin(req.headers))
    return problem('invalid_request', 'origin: not one of this site’s pages', { status: 403 });
  const type = req.headers.get('content-type') ?? '';
  if (!hasOrigin && !type.toLowerCase().startsWith('application/json'))
    return problem('invalid_request', 'content-type: must be application/json (a form needs an Origin on this site)', {
      status: 415,
      field: 'content-type',
    });
  const body = await readJsonBody(req, staffSessionBody, { maxBytes: 4096, form: true });
  if (!body.ok) return body.problem.toResponse();
  const config = getConfig();
  const result = await signInStaff(await getDb(), config, { ...body.data, ip: clientAddress(req.headers) });
  if (!result.ok && result.reason === 'locked')
    return tooManyRequests(
      result.retryAfterS,
      `Too many sign-in attempts for this name. Try again in ${minutesText(result.retryAfterS)}.`,
    );
  if (!result.ok) return problem('invalid_credentials', 'That name and password do not match a staff account.');
  const o = staffCookieOptions(config);
  const cookie = [
    `${STAFF_COOKIE}=${result.token}`,
    `Path=${o.path}`,
    `Max-Age=${o.maxAge}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(o.secure ? ['Secure'] : []),
  ].join('; ');
  return new Response(null, { status: 204, headers: { 'set-cookie': cookie, 'cache-control': 'no-store' } });
}
