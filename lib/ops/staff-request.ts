import 'server-only';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { recordOpsAction, type OpsAction } from './audit';
import { staffCookieOf, staffFromToken } from './staff-session';

/**
 * The staff member behind a plain Fetch request (sandbox routes are not Next pages, so no
 * `cookies()`): the same `ops_session` cookie the console uses (from /ops/sign-in or
 * `POST /api/ops/session`), naming an unrevoked session of a name that is still staff (an
 * OPS_USERS entry, or the demo account in sandbox mode). null otherwise.
 */
export async function staffFromRequest(req: Request): Promise<string | null> {
  return (await staffFromToken(await getDb(), getConfig(), staffCookieOf(req)))?.name ?? null;
}

/**
 * For HTTP endpoints that change how the sandboxes behave (faults, settings): only with a staff
 * session, and audited under the staff member's name.
 */
export async function staffOnly(
  req: Request,
  action: OpsAction,
  run: () => Promise<{ response: Response; detail?: Record<string, unknown> }>,
): Promise<Response> {
  const staff = await staffFromRequest(req);
  if (!staff) {
    return Response.json(
      { error: 'forbidden', message: 'Sign in as staff (/ops/sign-in or POST /api/ops/session) to change the sandbox' },
      { status: 403, headers: { 'cache-control': 'no-store' } },
    );
  }
  const { response, detail } = await run();
  if (response.ok) await recordOpsAction(await getDb(), { actor: staff, action, target: 'oms', detail });
  return response;
}
