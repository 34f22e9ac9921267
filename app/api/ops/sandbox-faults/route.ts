import { problem } from '@/lib/api/problem';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { getStaff } from '@/lib/ops/access';
import { activeFaults } from '@/lib/sandbox/active-faults';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/ops/sandbox-faults` (staff only): the sandbox faults in force, for the mark the ops
 * console shows on every page. The console's layout is not rendered again when staff move between
 * its pages, so the mark asks here on each move instead.
 */
export async function GET(): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  if (!(await getStaff())) return problem('unauthorized', 'staff only: sign in at /ops/sign-in');
  const faults = getConfig().sandbox ? await activeFaults(await getDb()) : [];
  return Response.json({ faults }, { headers });
}
