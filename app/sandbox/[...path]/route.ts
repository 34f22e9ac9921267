import { problem } from '@/lib/api/problem';
import { getConfig } from '@/lib/config';
import { dispatchSandbox } from '@/lib/sandbox';

export const dynamic = 'force-dynamic';

/**
 * The partner sandboxes' HTTP APIs; 404 when the sandbox is off (docs/architecture.md#the-sandbox). The
 * segments come from the raw URL, still percent-encoded: the sandbox router decodes them once
 * (Next's decoded `params` would be decoded a second time).
 */
async function handle(req: Request): Promise<Response> {
  if (!getConfig().sandbox) return problem('not_found', 'The sandbox is off');
  const segments = new URL(req.url).pathname.split('/').filter(Boolean).slice(1);
  return dispatchSandbox(req, segments);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
