import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { recordOpsAction } from '@/lib/ops/audit';
import type { ControlledPartner } from './controls';
import { flexitiOptions, flexitiOptionsPatchSchema } from './flexiti/options';
import { opentvOptions, opentvOptionsPatchSchema } from './opentv/options';
import { setSandboxOptions } from './options';
import { omsOptions, omsOptionsPatchSchema, ultraOptions, ultraOptionsPatchSchema } from './ultra/options';
import { createRouter, json, readJson, type SandboxHandler } from './router';
import { staffOnlyHandler } from './staff-only';

/**
 * `/sandbox/options/{partner}`: read (GET) and change (PUT, staff, audited) a sandbox's switches
 * (lib/sandbox/controls.ts options): which reading of an ambiguous document it plays, test knobs.
 */
const SANDBOXES: Partial<
  Record<ControlledPartner, { read: (db: Awaited<ReturnType<typeof getDb>>) => Promise<unknown>; patch: z.ZodType }>
> = {
  flexiti: { read: flexitiOptions, patch: flexitiOptionsPatchSchema },
  opentv: { read: opentvOptions, patch: opentvOptionsPatchSchema },
  ultra: { read: ultraOptions, patch: ultraOptionsPatchSchema },
  oms: { read: omsOptions, patch: omsOptionsPatchSchema },
};

const unknownPartner = (partner: string | undefined) =>
  json(
    {
      error: 'not_found',
      message: `partner: ${partner} has no sandbox options (${Object.keys(SANDBOXES).join(', ')})`,
    },
    404,
  );

const get: SandboxHandler = async (_req, { params }) => {
  const sandbox = SANDBOXES[params.partner as ControlledPartner];
  if (!sandbox) return unknownPartner(params.partner);
  return json(await sandbox.read(await getDb()));
};

const put = staffOnlyHandler('change sandbox options', async (req, staff, { params }) => {
  const partner = params.partner as ControlledPartner;
  const sandbox = SANDBOXES[partner];
  if (!sandbox) return unknownPartner(params.partner);
  const parsed = sandbox.patch.safeParse(await readJson(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: 'invalid_request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message}` }, 400);
  }
  const db = await getDb();
  const patch = parsed.data as Record<string, string | number | boolean | null>;
  await setSandboxOptions(db, partner, patch);
  await recordOpsAction(db, { actor: staff, action: 'sandbox.options', target: partner, detail: patch });
  return json(await sandbox.read(db));
});

export const optionsApi = createRouter([
  ['GET', '/:partner', get],
  ['PUT', '/:partner', put],
]);
