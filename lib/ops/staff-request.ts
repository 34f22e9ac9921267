import 'server-only';
import { getConfig } from '@/lib/config';
import { parseOpsUsers } from './ops-users';
import { STAFF_COOKIE, verifyStaffSession } from './session-token';
import { DEMO_STAFF_NAME } from './staff';

/**
 * The staff member behind a plain Fetch request (sandbox routes are not Next pages, so no
 * `cookies()`): the same signed `ops_session` cookie the console uses, for a name that is still
 * staff (an OPS_USERS entry, or the demo account in sandbox mode). null otherwise.
 */
export async function staffFromRequest(req: Request): Promise<string | null> {
  const cookie = req.headers.get('cookie') ?? '';
  const token = cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${STAFF_COOKIE}=`))
    ?.slice(STAFF_COOKIE.length + 1);
  const config = getConfig();
  const name = await verifyStaffSession(config.authSecret, token ? decodeURIComponent(token) : undefined);
  if (!name) return null;
  if (config.sandbox && name === DEMO_STAFF_NAME) return name;
  const parsed = parseOpsUsers(config.opsUsers);
  return parsed.ok && parsed.users.some((u) => u.name === name) ? name : null;
}
