import 'server-only';
import { getDb } from '@/lib/db/client';
import type { SandboxMount } from '@/lib/partners/registry';
import { mountControls } from './controls';
import { faultAnswer, partnerOfSandboxPath, takeQueuedFault } from './fault-queue';
import { faultsApi } from './faults-api';
import { optionsApi } from './options-api';
import { json, type SandboxApp } from './router';
import { flexitiSandbox } from './flexiti';
import { opentvSandbox } from './opentv';
import { ultraPlatformSandbox } from './ultra/platform';
import { omsSandbox } from './ultra/oms';

/**
 * The simulator at each partner's sandbox mount (lib/partners/registry.ts `sandbox.mount`): the
 * type asks for exactly the registry's mounts.
 */
const SIMULATORS: Record<SandboxMount, SandboxApp> = {
  flexiti: flexitiSandbox,
  opentv: opentvSandbox,
  'ultra/platform': ultraPlatformSandbox,
  'ultra/oms': omsSandbox,
};

/**
 * Every sandbox, by the path prefix it is served under (`/sandbox/<prefix>/...`).
 * The Next catch-all route and the test server both dispatch through this table.
 */
export const SANDBOX_MOUNTS: Record<string, SandboxApp> = {
  ...SIMULATORS,
  // Staff-only: queue one-shot faults per partner and route (chaos suite, QA).
  faults: faultsApi,
  // Each sandbox's switches (GET; PUT staff-only): lib/sandbox/options-api.ts.
  options: optionsApi,
};

export async function dispatchSandbox(req: Request, segments: string[]): Promise<Response> {
  const full = `/${segments.join('/')}`;
  // Longest prefix first, so `ultra/platform` wins over a hypothetical `ultra`.
  const prefixes = Object.keys(SANDBOX_MOUNTS).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (full === `/${prefix}` || full.startsWith(`/${prefix}/`)) {
      const path = full.slice(prefix.length + 1) || '/';
      const db = await getDb();
      // Queued one-shot faults first (lib/sandbox/fault-queue.ts): refused before the partner
      // sees the request, or lost after the partner applied it.
      const partner = partnerOfSandboxPath(prefix, path);
      const queued = partner ? await takeQueuedFault(db, partner, path, req.method) : null;
      if (queued?.mode === 'refuse') return faultAnswer(queued);
      // Ops console sandbox controls (latency, error rate, forced error): lib/sandbox/controls.ts.
      const fault = await mountControls(db, prefix, path);
      const answer = fault ?? (await SANDBOX_MOUNTS[prefix]!(req, path));
      if (queued?.mode === 'lost') {
        await answer.arrayBuffer().catch(() => undefined);
        return faultAnswer(queued);
      }
      return answer;
    }
  }
  return json({ error: 'not_found', message: `No sandbox at ${full}` }, 404);
}
