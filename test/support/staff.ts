import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { issueStaffCookie } from '@/lib/ops/staff-session';

/** Headers of a signed-in sandbox staff member (`demo`), for the staff-only sandbox endpoints. */
export async function staffHeaders(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const token = await issueStaffCookie(await getDb(), getConfig(), 'demo');
  return { cookie: `ops_session=${token}`, ...extra };
}

/** The OpenTV sandbox's activation hook (what the customer's activation link does), as staff. */
export async function activateAsStaff(appUrl: string, entitlementId: string, staff = true): Promise<Response> {
  return fetch(`${appUrl}/sandbox/opentv/sandbox/entitlements/${entitlementId}/activate`, {
    method: 'POST',
    headers: staff ? await staffHeaders() : {},
  });
}
