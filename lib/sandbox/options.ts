import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import type { DbOrTx } from '@/lib/db/client';
import { sandboxSettings } from '@/lib/db/schema';

/**
 * How a sandbox reads a question its partner's document leaves open, chosen on the ops sandbox
 * page and stored in `sandbox_settings.options` (so every instance agrees). A missing key means
 * the configured default (lib/config.ts), which is also what a sandbox reset goes back to.
 */

/** docs/partners/ultra.md#answer-styles: bare as Flipkart's platform page writes it, or in the envelope. */
export const ULTRA_ANSWER_STYLES = ['bare', 'envelope'] as const;
export type SandboxAnswerStyle = (typeof ULTRA_ANSWER_STYLES)[number];

const ultraOptions = z.object({ answerStyle: z.enum(ULTRA_ANSWER_STYLES).optional() });

/** An open question a sandbox can read either way, as the ops sandbox page offers it. */
export interface SandboxReading {
  partner: string;
  key: string;
  label: string;
  choices: { value: string; label: string }[];
  /** The value in force when the page sets none (the configuration's). */
  configured: () => string;
}

export const SANDBOX_READINGS: SandboxReading[] = [
  {
    partner: 'ultra',
    key: 'answerStyle',
    label: 'Answer style',
    choices: [
      { value: 'bare', label: 'Bare, as the platform page writes it' },
      { value: 'envelope', label: 'In the {"STATUS","RESPONSE"} envelope' },
    ],
    configured: () => getConfig().ultra.sandboxAnswerStyle,
  },
];

export function findReading(partner: string, key: string): SandboxReading | undefined {
  return SANDBOX_READINGS.find((r) => r.partner === partner && r.key === key);
}

/** What each reading is now, for the ops page: the page's choice, or null (the configured value). */
export async function currentReadings(db: DbOrTx): Promise<{ reading: SandboxReading; chosen: string | null }[]> {
  const rows = await db
    .select({ partner: sandboxSettings.partner, options: sandboxSettings.options })
    .from(sandboxSettings);
  return SANDBOX_READINGS.map((reading) => {
    const v = rows.find((r) => r.partner === reading.partner)?.options?.[reading.key];
    const chosen = reading.choices.some((c) => c.value === v) ? String(v) : null;
    return { reading, chosen };
  });
}

/** A partner sandbox's stored options, as stored (each sandbox parses its own). */
export async function optionsOf(db: DbOrTx, partner: string): Promise<unknown> {
  const [row] = await db
    .select({ options: sandboxSettings.options })
    .from(sandboxSettings)
    .where(eq(sandboxSettings.partner, partner));
  return row?.options ?? {};
}

/** The style the Ultra platform sandbox answers in right now. */
export async function ultraAnswerStyle(db: DbOrTx): Promise<SandboxAnswerStyle> {
  const stored = ultraOptions.safeParse(await optionsOf(db, 'ultra'));
  return (stored.success && stored.data.answerStyle) || getConfig().ultra.sandboxAnswerStyle;
}

/** Sets one option of a partner's sandbox; `null` goes back to the configured default. */
export async function setSandboxOption(
  db: DbOrTx,
  partner: string,
  key: string,
  value: string | number | boolean | null,
): Promise<void> {
  const patch = value === null ? {} : { [key]: value };
  await db
    .insert(sandboxSettings)
    .values({ partner, options: patch })
    .onConflictDoUpdate({
      target: sandboxSettings.partner,
      set: {
        options:
          value === null
            ? sql`${sandboxSettings.options} - ${key}::text`
            : sql`${sandboxSettings.options} || ${JSON.stringify(patch)}::jsonb`,
        updatedAt: new Date(),
      },
    });
}
