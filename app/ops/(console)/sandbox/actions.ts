'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { sandboxOnly } from '@/lib/actions/guards';
import { validatedActionWithStaff } from '@/lib/actions/staff-action';
import { validatedAction } from '@/lib/actions/validated-action';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { endStaffSession, getStaff, safeOpsReturnTo, setStaffCookie } from '@/lib/ops/access';
import { recordOpsAction } from '@/lib/ops/audit';
import { createTestOrder, resetSandboxData } from '@/lib/ops/sandbox-tools';
import {
  confirmWithAuthorization,
  failAndGiveBack,
  refundOrder,
  retryOrder,
  type ResolveResult,
} from '@/lib/orders/needs-attention';
import { orderIdSchema } from '@/lib/orders/order-id';
import { signInStaff } from '@/lib/ops/staff-session';
import { clientAddress } from '@/lib/security/rate-limit';
import { revokeSubjectSessions } from '@/lib/security/sessions';
import { giveUpJob, retryJob, runJobNow } from '@/lib/outbox';
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
 * Every ops action: staff check first, zod on the form (validatedActionWithStaff), the change,
 * then one `ops_audit` row naming who did it. Outcomes come back as fixed codes in the URL (see
 * the pages' message tables).
 */

const problem = (e: z.ZodError) => {
  const i = e.issues[0];
  return `${i?.path.join('.') || 'form'}: ${i?.message ?? 'invalid'}`;
};
const back = (path: string, params: Record<string, string | number>) =>
  redirect(`${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`);
/** Bad input on a console page: back to it, naming the first field at fault. */
const invalidOn = (path: string) => (e: z.ZodError) => back(path, { error: 'invalid', detail: problem(e) });
const outbox = { returnTo: '/ops/outbox', onInvalid: invalidOn('/ops/outbox') };
/** Sandbox controls: staff, then sandbox mode only (off: back to the console). */
const sandbox = { returnTo: '/ops/sandbox', guard: sandboxOnly('/ops'), onInvalid: invalidOn('/ops/sandbox') };

// ---- staff sign-in / sign-out ------------------------------------------------------------

const signInForm = z.object({
  name: z.string().trim().toLowerCase().min(1, 'enter your staff name').max(40),
  password: z.string().min(1, 'enter your password').max(200),
  next: z.string().optional(),
});

export const staffSignIn = validatedAction(
  signInForm,
  async ({ name, password, next }): Promise<void> => {
    const ip = clientAddress(await headers());
    const result = await signInStaff(await getDb(), getConfig(), { name, password, ip });
    if (!result.ok) {
      back('/ops/sign-in', {
        error: result.reason,
        // The name comes back filled in: only the password is retyped.
        name,
        ...(result.reason === 'locked' ? { minutes: Math.ceil(result.retryAfterS / 60) } : {}),
        ...(next ? { next } : {}),
      });
    }
    await setStaffCookie((result as { token: string }).token);
    redirect(safeOpsReturnTo(next));
  },
  { onInvalid: () => back('/ops/sign-in', { error: 'missing' }) },
);

/** Signing out needs no staff check: without a session it only clears the cookie. */
export const staffSignOut = validatedAction(
  z.object({}),
  async (): Promise<void> => {
    const staff = await getStaff();
    if (staff) await recordOpsAction(await getDb(), { actor: staff, action: 'sign-out' });
    await endStaffSession();
    redirect('/ops/sign-in?signed_out=1');
  },
  { onInvalid: () => undefined },
); // no fields, so nothing to refuse

// ---- needs attention (lib/orders/needs-attention) ------------------------------------------

const attention = { returnTo: '/ops/attention', onInvalid: invalidOn('/ops/attention') };
const orderForm = z.object({ orderId: orderIdSchema });

/** Audits the resolution (done or refused) and goes back to the list with its outcome. */
async function afterResolution(
  actor: string,
  action: 'confirm' | 'fail' | 'retry' | 'refund',
  orderId: string,
  result: ResolveResult,
  detail: Record<string, unknown> = {},
): Promise<never> {
  await recordOpsAction(await getDb(), {
    actor,
    action: `attention.${action}`,
    target: `order:${orderId}`,
    detail: { ...detail, ...result },
  });
  return result.ok
    ? back('/ops/attention', { done: action, order: orderId, outcome: result.outcome })
    : back('/ops/attention', { error: result.reason, order: orderId, detail: result.detail ?? '' });
}

export const confirmAttention = validatedActionWithStaff(
  orderForm.extend({
    authorizationId: z
      .string()
      .trim()
      .min(1, 'enter the Flexiti authorization id')
      .max(64, 'at most 64 characters')
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  }),
  async ({ orderId, authorizationId }, actor) =>
    afterResolution(actor, 'confirm', orderId, await confirmWithAuthorization(orderId, authorizationId, actor), {
      authorizationId,
    }),
  attention,
);

export const failAttention = validatedActionWithStaff(
  orderForm.extend({
    note: z.string().trim().min(3, 'say why (at least 3 characters)').max(500, 'at most 500 characters'),
  }),
  async ({ orderId, note }, actor) =>
    afterResolution(actor, 'fail', orderId, await failAndGiveBack(orderId, actor, note), { note }),
  attention,
);

export const retryAttention = validatedActionWithStaff(
  orderForm,
  async ({ orderId }, actor) => afterResolution(actor, 'retry', orderId, await retryOrder(orderId, actor)),
  attention,
);

export const refundAttention = validatedActionWithStaff(
  orderForm,
  async ({ orderId }, actor) => afterResolution(actor, 'refund', orderId, await refundOrder(orderId, actor)),
  attention,
);

// ---- customers ----------------------------------------------------------------------------

const customerSessionsForm = z.object({
  customerId: z.uuid('must be a customer id'),
  orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an order id'),
});

/**
 * Ends every session of a customer (a compromised account, a customer's request): each copy of
 * their cookie stops working at once; audited with who did it and how many sessions ended.
 */
export const endCustomerSessions = validatedActionWithStaff(
  customerSessionsForm,
  async ({ customerId, orderId }, actor): Promise<void> => {
    const db = await getDb();
    const ended = await revokeSubjectSessions(db, 'customer', customerId);
    await recordOpsAction(db, {
      actor,
      action: 'customer.sessions-ended',
      target: `customer:${customerId}`,
      detail: { sessions: ended, fromOrder: orderId },
    });
    back(`/ops/orders/${encodeURIComponent(orderId)}`, { sessionsEnded: ended });
  },
  { returnTo: '/ops', onInvalid: invalidOn('/ops') },
);

// ---- outbox ------------------------------------------------------------------------------

const jobForm = z.object({ jobId: z.coerce.number().int().positive('must be a job id'), view: z.string().optional() });
const giveUpForm = jobForm.extend({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500, 'at most 500 characters'),
});
const outboxView = (v: string | undefined) => (v && /^[a-z]+$/.test(v) ? v : 'failed');

export const retryOutboxJob = validatedActionWithStaff(
  jobForm,
  async ({ jobId, view }, actor): Promise<void> => {
    const ok = await retryJob(jobId);
    // Run it now too, so the console shows the outcome instead of waiting for the worker's next tick.
    const run = ok ? await runJobNow(jobId, { workerId: `ops:${actor}` }) : null;
    await recordOpsAction(await getDb(), {
      actor,
      action: 'outbox.retry',
      target: `outbox_job:${jobId}`,
      detail: { accepted: ok, outcome: run?.outcome ?? null },
    });
    back(
      '/ops/outbox',
      ok
        ? { view: outboxView(view), ok: 'retried', job: jobId, outcome: run?.outcome ?? 'queued' }
        : { view: outboxView(view), error: 'not-retryable', job: jobId },
    );
  },
  outbox,
);

export const giveUpOutboxJob = validatedActionWithStaff(
  giveUpForm,
  async ({ jobId, reason, view }, actor): Promise<void> => {
    const ok = await giveUpJob(jobId, reason, actor);
    await recordOpsAction(await getDb(), {
      actor,
      action: 'outbox.give-up',
      target: `outbox_job:${jobId}`,
      detail: { accepted: ok, reason },
    });
    back(
      '/ops/outbox',
      ok
        ? { view: outboxView(view), ok: 'given-up', job: jobId }
        : { view: outboxView(view), error: 'not-pending', job: jobId },
    );
  },
  outbox,
);

// ---- sandbox controls (sandbox mode only) -------------------------------------------------

const partner = z.enum(CONTROLLED_PARTNERS, { error: 'must be one of ultra, oms, flexiti, opentv, keycloak' });

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
