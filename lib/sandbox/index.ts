import 'server-only';
import { json, type SandboxApp } from './router';
import { flexitiSandbox } from './flexiti';
import { opentvSandbox } from './opentv';
import { ultraPlatformSandbox } from './ultra/platform';
import { omsSandbox } from './ultra/oms';

/**
 * Every partner sandbox, by the path prefix it is served under (`/sandbox/<prefix>/...`).
 * The Next catch-all route and the test server both dispatch through this table.
 */
export const SANDBOX_MOUNTS: Record<string, SandboxApp> = {
  flexiti: flexitiSandbox,
  opentv: opentvSandbox,
  'ultra/platform': ultraPlatformSandbox,
  'ultra/oms': omsSandbox,
};

export async function dispatchSandbox(req: Request, segments: string[]): Promise<Response> {
  const full = `/${segments.join('/')}`;
  // Longest prefix first, so `ultra/platform` wins over a hypothetical `ultra`.
  const prefixes = Object.keys(SANDBOX_MOUNTS).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (full === `/${prefix}` || full.startsWith(`/${prefix}/`)) {
      return SANDBOX_MOUNTS[prefix]!(req, full.slice(prefix.length + 1) || '/');
    }
  }
  return json({ error: 'not_found', message: `No sandbox at ${full}` }, 404);
}
