'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { sandboxOnly } from '@/lib/actions/guards';
import { back, invalidOn } from '@/lib/actions/redirect-back';
import { validatedActionWithStaff } from '@/lib/actions/staff-action';
import { getDb } from '@/lib/db/client';
import { safeOpsReturnTo } from '@/lib/ops/access';
import { recordOpsAction } from '@/lib/ops/audit';
import { createTestOrder, resetSandboxData } from '@/lib/ops/sandbox-tools';
import { clearFaults } from '@/lib/sandbox/active-faults';
import { moveSandboxClock } from '@/lib/sandbox/move-clock';
import { findReading, setSandboxOption } from '@/lib/sandbox/options';
import { findPersona } from '@/lib/sandbox/ultra/personas';
import {
  clearForcedError,
  CONTROLLED_PARTNERS,
  findPreset,
  forceError,
  setLatencyAndErrorRate,
} from '@/lib/sandbox/controls';

/**
 * The sandbox controls (sandbox mode only; off: back to the console): staff check first, zod on
 * the form (validatedActionWithStaff), the change, then one `ops_audit` row naming who did it.
 * Outcomes come back as fixed codes in the URL (see the page's message table).
 */
const sandbox = { returnTo: '/ops/sandbox', guard: sandboxOnly('/ops'), onInvalid: invalidOn('/ops/sandbox') };

const partner = z.enum(CONTROLLED_PARTNERS, { error: `must be one of ${CONTROLLED_PARTNERS.join(', ')}` });

const controlsForm = z.object({
  partner,
  latencyMs: z.coerce.number().int('whole milliseconds').min(0, 'at least 0').max(30_000, 'at most 30000'),
  errorRatePct: z.coerce.number().int('a whole percentage').min(0, 'at least 0').max(100, 'at most 100'),
});

export const saveSandboxControls = validatedActionWithStaff(
  controlsForm,
  async ({ partner: p, latencyMs, errorRatePct }, actor): Promise<void> => {
    const db = await getDb();
    await setLatencyAndErrorRate(db, p, { latencyMs, errorRatePct });
    await recordOpsAction(db, { actor, action: 'sandbox.controls', target: p, detail: { latencyMs, errorRatePct } });
    back('/ops/sandbox', { ok: 'controls', partner: p });
  },
  sandbox,
);

/** `times` counts only with "next N calls" (the field stays in the form otherwise). */
const forceForm = z.preprocess(
  (raw) => {
    const form = raw as Record<string, unknown>;
    return { ...form, times: form.mode === 'times' ? form.times : undefined };
  },
  z.object({
    partner,
    preset: z.string().min(1, 'choose an error'),
    mode: z.enum(['times', 'until-cleared'], { error: 'choose "next N calls" or "until cleared"' }),
    times: z.coerce.number().int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').optional(),
  }),
);

export const forceSandboxError = validatedActionWithStaff(
  forceForm,
  async ({ partner: p, preset: presetId, mode, times }, actor): Promise<void> => {
    const preset = findPreset(p, presetId);
    if (!preset) back('/ops/sandbox', { error: 'invalid', detail: `preset: ${presetId} is not an error of ${p}` });
    const db = await getDb();
    await forceError(db, p, preset!, mode === 'times' ? (times ?? 1) : undefined);
    await recordOpsAction(db, {
      actor,
      action: 'sandbox.force-error',
      target: p,
      detail: { preset: preset!.id, status: preset!.status, times: mode === 'times' ? (times ?? 1) : 'until cleared' },
    });
    back('/ops/sandbox', { ok: 'forced', partner: p });
  },
  sandbox,
);

export const clearSandboxError = validatedActionWithStaff(
  z.object({ partner }),
  async ({ partner: p }, actor): Promise<void> => {
    const db = await getDb();
    await clearForcedError(db, p);
    await recordOpsAction(db, { actor, action: 'sandbox.clear-error', target: p });
    back('/ops/sandbox', { ok: 'cleared', partner: p });
  },
  sandbox,
);

/** How a sandbox reads an open question of its partner's document (lib/sandbox/options.ts); `configured`: the default. */
const readingForm = z.object({
  partner,
  key: z.string().min(1, 'choose a setting').max(40),
  value: z.string().min(1, 'choose a value').max(40),
});

export const saveSandboxReading = validatedActionWithStaff(
  readingForm,
  async ({ partner: p, key, value }, actor): Promise<void> => {
    const reading = findReading(p, key);
    if (!reading) back('/ops/sandbox', { error: 'invalid', detail: `key: ${key} is not a setting of ${p}` });
    if (value !== 'configured' && !reading!.choices.some((c) => c.value === value)) {
      back('/ops/sandbox', { error: 'invalid', detail: `value: ${value} is not a choice of ${key}` });
    }
    const db = await getDb();
    await setSandboxOption(db, p, key, value === 'configured' ? null : value);
    await recordOpsAction(db, { actor, action: 'sandbox.reading', target: p, detail: { [key]: value } });
    back('/ops/sandbox', { ok: 'reading', partner: p });
  },
  sandbox,
);

/** docs/partners/ultra.md#identity-token-change: a persona changes their Flipkart mobile (empty: back to the original). */
const mobileForm = z.object({
  persona: z.string().refine((id) => findPersona(id) !== undefined, 'choose a persona'),
  mobile: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^[6-9]\d{9}$/, 'a 10-digit Indian mobile number, or empty for the original')
      .optional(),
  ),
});

export const changePersonaMobile = validatedActionWithStaff(
  mobileForm,
  async ({ persona, mobile }, actor): Promise<void> => {
    const db = await getDb();
    await setSandboxOption(db, 'ultra', `mobile.${persona}`, mobile ?? null);
    // No number in the audit: only that it changed.
    await recordOpsAction(db, {
      actor,
      action: 'sandbox.options',
      target: 'ultra',
      detail: { persona, mobile: mobile ? 'changed' : 'original' },
    });
    back('/ops/sandbox', { ok: 'mobile' });
  },
  sandbox,
);

/** The fault mark's one-tap Clear (every ops page): the partner back to normal, then the same page. */
export const clearSandboxFaults = validatedActionWithStaff(
  z.object({ partner, returnTo: z.string().max(300).optional() }),
  async ({ partner: p, returnTo }, actor): Promise<void> => {
    const db = await getDb();
    await clearFaults(db, p);
    await recordOpsAction(db, { actor, action: 'sandbox.faults-cleared', target: p, detail: { from: 'fault mark' } });
    redirect(safeOpsReturnTo(returnTo));
  },
  sandbox,
);

export const resetSandbox = validatedActionWithStaff(
  z.object({ confirm: z.literal('RESET', { error: 'type RESET to confirm' }) }),
  async (_confirmed, actor): Promise<void> => {
    const db = await getDb();
    const tables = await resetSandboxData(db);
    await recordOpsAction(db, { actor, action: 'sandbox.reset', detail: { tables: tables.length } });
    back('/ops/sandbox', { ok: 'reset' });
  },
  sandbox,
);

const clockForm = z.object({
  days: z.coerce.number().int('whole days').min(1, 'at least 1 day').max(400, 'at most 400 days'),
});

export const advanceSandboxClock = validatedActionWithStaff(
  clockForm,
  async ({ days }, actor): Promise<void> => {
    const db = await getDb();
    await moveSandboxClock(db, { days, actor });
    back('/ops/sandbox', { ok: 'clock' });
  },
  sandbox,
);

const testOrderForm = z.object({
  persona: z.string().min(1, 'choose a persona'),
  product: z.string().min(1, 'choose a product'),
});

export const createSandboxTestOrder = validatedActionWithStaff(
  testOrderForm,
  async ({ persona, product }, actor): Promise<void> => {
    const db = await getDb();
    const result = await createTestOrder(db, { personaId: persona, productSlug: product, actor });
    if ('error' in result) back('/ops/sandbox', { error: 'invalid', detail: result.error });
    const { orderId } = result as { orderId: string };
    await recordOpsAction(db, {
      actor,
      action: 'sandbox.test-order',
      target: `order:${orderId}`,
      detail: { persona },
    });
    redirect(`/ops/orders/${orderId}`);
  },
  sandbox,
);
