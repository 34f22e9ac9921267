import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import {
  OMS_RETIRED_TOKEN_READINGS,
  OMS_TIMESTAMP_UNITS,
  omsTimestampUnit,
  optionsOf,
  ULTRA_ANSWER_STYLES,
  ultraAnswerStyle,
} from '@/lib/sandbox/options';
import { identityTokenFor, PERSONAS, type Persona } from './personas';

/**
 * The Ultra platform and OMS sandboxes' switches (lib/sandbox/options.ts), changed from the ops
 * sandbox page or `PUT /sandbox/options/ultra` and `/sandbox/options/oms` (staff, audited).
 *
 * `mobile.<persona>`: the persona changed the mobile number of their Flipkart account, so Flipkart
 * now gives them another identity token (docs/partners/ultra.md#identity-token-change).
 */

const mobileNumber = z.string().regex(/^[6-9]\d{9}$/, 'must be a 10-digit Indian mobile number');
const mobileKey = (personaId: string) => `mobile.${personaId}`;

export const ultraOptionsPatchSchema = z
  .object({
    answerStyle: z.enum(ULTRA_ANSWER_STYLES, { error: 'must be "bare" or "envelope"' }).nullable(),
    ...Object.fromEntries(PERSONAS.map((p) => [mobileKey(p.id), mobileNumber.nullable()])),
  })
  .partial()
  .strict();

export const omsOptionsPatchSchema = z
  .object({
    timestampUnit: z.enum(OMS_TIMESTAMP_UNITS, { error: 'must be "s" or "ms"' }).nullable(),
    retiredTokens: z
      .enum(OMS_RETIRED_TOKEN_READINGS, { error: `must be one of ${OMS_RETIRED_TOKEN_READINGS.join(', ')}` })
      .nullable(),
  })
  .partial()
  .strict();

async function changedMobiles(db: DbOrTx): Promise<Record<string, string>> {
  const stored = (await optionsOf(db, 'ultra')) as Record<string, unknown>;
  return Object.fromEntries(
    PERSONAS.flatMap((p) => {
      const v = mobileNumber.safeParse(stored[mobileKey(p.id)]);
      return v.success ? [[p.id, v.data]] : [];
    }),
  );
}

export async function ultraOptions(db: DbOrTx) {
  return { answerStyle: await ultraAnswerStyle(db), changedMobiles: await changedMobiles(db) };
}

export async function omsOptions(db: DbOrTx) {
  const stored = (await optionsOf(db, 'oms')) as Record<string, unknown>;
  const retired = z.enum(OMS_RETIRED_TOKEN_READINGS).safeParse(stored.retiredTokens);
  return { timestampUnit: await omsTimestampUnit(db), retiredTokens: retired.success ? retired.data : 'accepted' };
}

/** The persona as Flipkart holds them now: with the mobile number they changed to, if any. */
export async function personaNow(db: DbOrTx, persona: Persona): Promise<Persona> {
  const changed = (await changedMobiles(db))[persona.id];
  return changed ? { ...persona, mobile: { ...persona.mobile, mobileNumber: changed } } : persona;
}

/**
 * The identity tokens OMS knows an account for: each persona's current one, and, unless the
 * sandbox plays the strict reading, the ones retired by a mobile change (an order placed before
 * the change keeps reporting with its token: docs/partners/ultra.md#identity-token-change).
 */
export async function identityTokensKnownToOms(db: DbOrTx, merchantId: string): Promise<Set<string>> {
  const [changed, { retiredTokens }] = await Promise.all([changedMobiles(db), omsOptions(db)]);
  const tokens = new Set<string>();
  for (const p of PERSONAS) {
    const current = changed[p.id];
    if (current) tokens.add(identityTokenFor(merchantId, { id: p.id, mobile: { ...p.mobile, mobileNumber: current } }));
    if (!current || retiredTokens === 'accepted') tokens.add(identityTokenFor(merchantId, p));
  }
  return tokens;
}
