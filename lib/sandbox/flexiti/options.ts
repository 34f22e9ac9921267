import 'server-only';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { optionsOf } from '@/lib/sandbox/options';

/**
 * The Flexiti sandbox's switches (docs/partners/flexiti.md#sandbox-readings), stored with the other
 * sandbox settings (lib/sandbox/controls.ts) and changed from the ops sandbox page or
 * `PUT /sandbox/options/flexiti` (staff).
 */

/**
 * How the sandbox writes the bodies Flexiti never published (`/authorization`, `/apply`, the
 * authorization list): `documented` is our own simulator shape (snake_case, the list under
 * `authorizations`); the others are shapes a real Flexiti could plausibly answer, so the client's
 * tolerant reading is tested against more than one (docs/partners/flexiti.md#undocumented-bodies).
 */
export const FLEXITI_ANSWER_SHAPES = ['documented', 'bare', 'data', 'items', 'content', 'camel'] as const;
export type FlexitiAnswerShape = (typeof FLEXITI_ANSWER_SHAPES)[number];

const tokenSeconds = z.number().int('whole seconds').min(2, 'at least 2 seconds').max(1200, 'at most 1200 seconds');

export const flexitiOptionsSchema = z.object({
  /**
   * docs/partners/flexiti.md#flow-token. false (default, the strict reading): only the token that
   * called widget/init continues its flow. true (the lenient reading): a token refreshed from it does too.
   */
  refreshedTokenContinuesFlow: z.boolean().default(false),
  /** Life of customer-scope tokens; unset: SANDBOX_FLEXITI_TOKEN_SECONDS, else Flexiti's 1200 s. */
  customerTokenSeconds: tokenSeconds.optional(),
  answerShape: z.enum(FLEXITI_ANSWER_SHAPES).default('documented'),
});
export type FlexitiSandboxOptions = z.infer<typeof flexitiOptionsSchema>;

/** A change: each key optional, null puts it back to its default. */
export const flexitiOptionsPatchSchema = z
  .object({
    refreshedTokenContinuesFlow: z.boolean().nullable(),
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
