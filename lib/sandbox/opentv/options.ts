import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import { getSandboxOptions } from '@/lib/sandbox/controls';

/**
 * The OpenTV sandbox's switches (lib/sandbox/controls.ts options), changed from the ops sandbox
 * page or `PUT /sandbox/options/opentv` (staff).
 */
export const opentvOptionsSchema = z.object({
  /**
   * false: every operator API answers 404 "tenant does not exist" (docs/partners/opentv.md#tenant-404),
   * which is what a wrong OPENTV_TENANT_ID looks like from our side.
   */
  tenantExists: z.boolean().default(true),
});
export type OpenTvSandboxOptions = z.infer<typeof opentvOptionsSchema>;

export const opentvOptionsPatchSchema = z.object({ tenantExists: z.boolean().nullable() }).partial().strict();

export async function opentvOptions(db: DbOrTx): Promise<OpenTvSandboxOptions> {
  const parsed = opentvOptionsSchema.safeParse(await getSandboxOptions(db, 'opentv'));
  return parsed.success ? parsed.data : opentvOptionsSchema.parse({});
}
