import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { FLEXITI_ANSWER_SHAPES, FLEXITI_FLOW_TOKEN_READINGS, optionsOf } from '@/lib/sandbox/options';

/**
 * The Flexiti sandbox's switches (docs/partners/flexiti.md#sandbox-readings), stored with the other
 * sandbox readings (lib/sandbox/options.ts) and changed from the ops sandbox page or
 * `PUT /sandbox/options/flexiti` (staff; the token life only there).
 */

export type FlexitiAnswerShape = (typeof FLEXITI_ANSWER_SHAPES)[number];

const tokenSeconds = z.number().int('whole seconds').min(2, 'at least 2 seconds').max(1200, 'at most 1200 seconds');

export const flexitiOptionsSchema = z.object({
  /** docs/partners/flexiti.md#flow-token (lib/sandbox/options.ts FLEXITI_FLOW_TOKEN_READINGS). */
  flowToken: z.enum(FLEXITI_FLOW_TOKEN_READINGS).default('strict'),
  /** Life of customer-scope tokens; unset: SANDBOX_FLEXITI_TOKEN_SECONDS, else Flexiti's 1200 s. */
  customerTokenSeconds: tokenSeconds.optional(),
  answerShape: z.enum(FLEXITI_ANSWER_SHAPES).default('documented'),
});
export type FlexitiSandboxOptions = z.infer<typeof flexitiOptionsSchema>;

/** A change: each key optional, null puts it back to its default. */
export const flexitiOptionsPatchSchema = z
  .object({
    flowToken: z
      .enum(FLEXITI_FLOW_TOKEN_READINGS, { error: `must be one of ${FLEXITI_FLOW_TOKEN_READINGS.join(', ')}` })
      .nullable(),
    customerTokenSeconds: tokenSeconds.nullable(),
    answerShape: z
      .enum(FLEXITI_ANSWER_SHAPES, { error: `must be one of ${FLEXITI_ANSWER_SHAPES.join(', ')}` })
      .nullable(),
  })
  .partial()
  .strict();

export async function flexitiOptions(db: DbOrTx): Promise<FlexitiSandboxOptions> {
  const parsed = flexitiOptionsSchema.safeParse(await optionsOf(db, 'flexiti'));
  return parsed.success ? parsed.data : flexitiOptionsSchema.parse({});
}

/** How long a customer-scope token the sandbox issues now lives. */
export function customerTokenSeconds(options: FlexitiSandboxOptions): number {
  return options.customerTokenSeconds ?? getConfig().flexiti.sandboxCustomerTokenSeconds;
}
