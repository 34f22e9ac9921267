import 'server-only';
import { staffFromRequest } from '@/lib/ops/staff-request';
import { json, type SandboxContext, type SandboxHandler } from './router';

/**
 * A sandbox endpoint that changes what a partner holds or how it behaves (faults, activations):
 * only with a staff session cookie (`ops_session`, from /ops/sign-in or `POST /api/ops/session`),
 * so a customer cannot script their way past a step a real partner would make them do. The
 * handler gets the staff name to audit under.
 */
export const staffOnlyHandler =
  (what: string, handler: (req: Request, staff: string, ctx: SandboxContext) => Promise<Response>): SandboxHandler =>
  async (req, ctx) => {
    const staff = await staffFromRequest(req);
    if (!staff) return json({ error: 'forbidden', message: `Sign in as staff (/ops/sign-in) to ${what}` }, 403);
    return handler(req, staff, ctx);
  };
