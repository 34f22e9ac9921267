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

/** docs/partners/ultra.md#oms-timestamps: the one unit the OMS sandbox reads (the app's OMS_TIMESTAMP_UNIT by default). */
export const OMS_TIMESTAMP_UNITS = ['s', 'ms'] as const;
const omsOptions = z.object({ timestampUnit: z.enum(OMS_TIMESTAMP_UNITS).optional() });
/**
 * docs/partners/ultra.md#identity-token-change: after a customer's mobile number changes, does OMS still
 * take events with the identity token their earlier orders were placed with? `accepted` (default) or
 * `refused` (code 15, "Account info not found for identity token").
 */
export const OMS_RETIRED_TOKEN_READINGS = ['accepted', 'refused'] as const;

/**
 * docs/partners/flexiti.md#flow-token: `strict` (default): only the token that called widget/init
 * continues its flow; `lenient`: a token refreshed from it does too.
 */
export const FLEXITI_FLOW_TOKEN_READINGS = ['strict', 'lenient'] as const;
/**
 * docs/partners/flexiti.md#undocumented-bodies: how the Flexiti sandbox writes the bodies Flexiti
 * never published. `documented` is our simulator shape; the others are shapes a real Flexiti could
 * plausibly answer, so the client's tolerant reading is tested against more than one.
 */
export const FLEXITI_ANSWER_SHAPES = ['documented', 'bare', 'data', 'items', 'content', 'camel'] as const;
/** docs/partners/opentv.md#tenant-404: `unknown` plays what a wrong OPENTV_TENANT_ID looks like. */
export const OPENTV_TENANT_READINGS = ['known', 'unknown'] as const;

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
  {
    partner: 'oms',
    key: 'timestampUnit',
    label: 'Timestamp unit it reads',
    choices: [
      { value: 's', label: "Epoch seconds (as Flipkart's sample)" },
      { value: 'ms', label: 'Epoch milliseconds' },
    ],
    configured: () => getConfig().ultra.omsTimestampUnit,
  },
  {
    partner: 'oms',
    key: 'retiredTokens',
    label: 'The identity token of a customer whose mobile changed, on earlier orders',
    choices: [
      { value: 'accepted', label: 'Still accepted for those orders' },
      { value: 'refused', label: 'Refused (code 15)' },
    ],
    configured: () => 'accepted',
  },
  {
    partner: 'flexiti',
    key: 'flowToken',
    label: 'A refreshed token in a flow',
    choices: [
      { value: 'strict', label: 'Refused: only the token that opened the widget' },
      { value: 'lenient', label: 'Accepted: a token refreshed from it continues the flow' },
    ],
    configured: () => 'strict',
  },
  {
    partner: 'flexiti',
    key: 'answerShape',
    label: 'Undocumented bodies (/authorization, /apply, the list)',
    choices: [
      { value: 'documented', label: 'Our simulator shape (snake_case, list under "authorizations")' },
      { value: 'bare', label: 'The list as a bare array' },
      { value: 'data', label: 'Wrapped in "data"' },
      { value: 'items', label: 'The list under "items"' },
      { value: 'content', label: 'Page "content"; objects under their name' },
      { value: 'camel', label: 'camelCase field names' },
    ],
    configured: () => 'documented',
  },
  {
    partner: 'opentv',
    key: 'tenant',
    label: 'The configured tenant',
    choices: [
      { value: 'known', label: 'Exists' },
      { value: 'unknown', label: 'Does not exist (404 to everything)' },
    ],
    configured: () => 'known',
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

/** A partner sandbox's options, as stored (each sandbox parses its own). */
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

/** The unit the OMS sandbox reads right now; a value in the other unit is refused. */
export async function omsTimestampUnit(db: DbOrTx): Promise<(typeof OMS_TIMESTAMP_UNITS)[number]> {
  const stored = omsOptions.safeParse(await optionsOf(db, 'oms'));
  return (stored.success && stored.data.timestampUnit) || getConfig().ultra.omsTimestampUnit;
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

/** Sets several options of a partner's sandbox at once (tests, `PUT /sandbox/options/{partner}`). */
export async function setSandboxOptions(
  db: DbOrTx,
  partner: string,
  patch: Record<string, string | number | boolean | null>,
): Promise<void> {
  for (const [key, value] of Object.entries(patch)) await setSandboxOption(db, partner, key, value);
}
