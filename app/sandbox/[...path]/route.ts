import { getConfig } from '@/lib/config';
import { dispatchSandbox } from '@/lib/sandbox';
import { json } from '@/lib/sandbox/router';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ path: string[] }> };

/** The partner sandboxes' HTTP APIs; 404 when the sandbox is off (DESIGN.md "Decisions"). */
async function handle(req: Request, { params }: Ctx): Promise<Response> {
  if (!getConfig().sandbox) return json({ error: 'not_found', message: 'The sandbox is off' }, 404);
  return dispatchSandbox(req, (await params).path);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
