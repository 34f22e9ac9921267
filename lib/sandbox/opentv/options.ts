import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import { optionsOf, OPENTV_TENANT_READINGS } from '@/lib/sandbox/options';

/**
 * The OpenTV sandbox's switches (lib/sandbox/options.ts), changed from the ops sandbox page or
 * `PUT /sandbox/options/opentv` (staff).
 */
export const opentvOptionsSchema = z.object({
  /**
   * `unknown`: every operator API answers 404 "tenant does not exist" (docs/partners/opentv.md#tenant-404),
   * which is what a wrong OPENTV_TENANT_ID looks like from our side.
   */
  tenant: z.enum(OPENTV_TENANT_READINGS).default('known'),
});
export type OpenTvSandboxOptions = z.infer<typeof opentvOptionsSchema>;

export const opentvOptionsPatchSchema = z
  .object({
    tenant: z.enum(OPENTV_TENANT_READINGS, { error: `must be one of ${OPENTV_TENANT_READINGS.join(', ')}` }).nullable(),
  })
  .partial()
  .strict();

export async function opentvOptions(db: DbOrTx): Promise<OpenTvSandboxOptions> {
  const parsed = opentvOptionsSchema.safeParse(await optionsOf(db, 'opentv'));
  return parsed.success ? parsed.data : opentvOptionsSchema.parse({});
}
