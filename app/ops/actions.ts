'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { endStaffSession, getStaff, requireStaff, safeOpsReturnTo, setStaffCookie } from '@/lib/ops/access';
import { recordOpsAction } from '@/lib/ops/audit';
import { createTestOrder, resetSandboxData } from '@/lib/ops/sandbox-tools';
import { signInStaff } from '@/lib/ops/staff-session';
import { clientAddress } from '@/lib/security/rate-limit';
import { giveUpJob, retryJob, runJobNow } from '@/lib/outbox';
import { moveSandboxClock } from '@/lib/sandbox/move-clock';
import {
  clearForcedError,
  CONTROLLED_PARTNERS,
  findPreset,
  forceError,
  setLatencyAndErrorRate,
} from '@/lib/sandbox/controls';

/**
 * Every ops action: staff check first, zod on the form, the change, then one `ops_audit` row
 * naming who did it. Outcomes come back as fixed codes in the URL (see the pages' message tables).
 */

const fields = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string'));
const problem = (e: z.ZodError) => {
  const i = e.issues[0];
  return `${i?.path.join('.') || 'form'}: ${i?.message ?? 'invalid'}`;
};
const back = (path: string, params: Record<string, string | number>) =>
  redirect(`${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`);

// ---- staff sign-in / sign-out ------------------------------------------------------------

const signInForm = z.object({
  name: z.string().trim().toLowerCase().min(1, 'enter your staff name').max(40),
  password: z.string().min(1, 'enter your password').max(200),
  next: z.string().optional(),
});

export async function staffSignIn(form: FormData): Promise<void> {
  const parsed = signInForm.safeParse(fields(form));
  if (!parsed.success) back('/ops/sign-in', { error: 'missing' });
  const { name, password, next } = parsed.data!;
  const ip = clientAddress(await headers());
  const result = await signInStaff(await getDb(), getConfig(), { name, password, ip });
  if (!result.ok) {
    back('/ops/sign-in', {
      error: result.reason,
      ...(result.reason === 'locked' ? { minutes: Math.ceil(result.retryAfterS / 60) } : {}),
      ...(next ? { next } : {}),
    });
  }
  await setStaffCookie((result as { token: string }).token);
  redirect(safeOpsReturnTo(next));
}

export async function staffSignOut(): Promise<void> {
  const staff = await getStaff();
  if (staff) await recordOpsAction(await getDb(), { actor: staff, action: 'sign-out' });
  await endStaffSession();
  redirect('/ops/sign-in?signed_out=1');
}

// ---- outbox ------------------------------------------------------------------------------

const jobForm = z.object({ jobId: z.coerce.number().int().positive('must be a job id'), view: z.string().optional() });
const giveUpForm = jobForm.extend({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500, 'at most 500 characters'),
});
const outboxView = (v: string | undefined) => (v && /^[a-z]+$/.test(v) ? v : 'failed');

export async function retryOutboxJob(form: FormData): Promise<void> {
  const actor = await requireStaff('/ops/outbox');
  const parsed = jobForm.safeParse(fields(form));
  if (!parsed.success) back('/ops/outbox', { error: 'invalid', detail: problem(parsed.error) });
  const { jobId, view } = parsed.data!;
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
}

export async function giveUpOutboxJob(form: FormData): Promise<void> {
  const actor = await requireStaff('/ops/outbox');
  const parsed = giveUpForm.safeParse(fields(form));
  if (!parsed.success) back('/ops/outbox', { error: 'invalid', detail: problem(parsed.error) });
  const { jobId, reason, view } = parsed.data!;
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
}

// ---- sandbox controls (sandbox mode only) -------------------------------------------------

async function requireSandboxStaff(): Promise<string> {
  const actor = await requireStaff('/ops/sandbox');
  if (!getConfig().sandbox) redirect('/ops');
  return actor;
}

const partner = z.enum(CONTROLLED_PARTNERS, { error: 'must be one of ultra, oms, flexiti, opentv, keycloak' });

const controlsForm = z.object({
  partner,
  latencyMs: z.coerce.number().int('whole milliseconds').min(0, 'at least 0').max(30_000, 'at most 30000'),
  errorRatePct: z.coerce.number().int('a whole percentage').min(0, 'at least 0').max(100, 'at most 100'),
});

export async function saveSandboxControls(form: FormData): Promise<void> {
  const actor = await requireSandboxStaff();
  const parsed = controlsForm.safeParse(fields(form));
  if (!parsed.success) back('/ops/sandbox', { error: 'invalid', detail: problem(parsed.error) });
  const { partner: p, latencyMs, errorRatePct } = parsed.data!;
  const db = await getDb();
  await setLatencyAndErrorRate(db, p, { latencyMs, errorRatePct });
  await recordOpsAction(db, { actor, action: 'sandbox.controls', target: p, detail: { latencyMs, errorRatePct } });
  back('/ops/sandbox', { ok: 'controls', partner: p });
}

const forceForm = z.object({
  partner,
  preset: z.string().min(1, 'choose an error'),
  mode: z.enum(['times', 'until-cleared'], { error: 'choose "next N calls" or "until cleared"' }),
  times: z.coerce.number().int('a whole number').min(1, 'at least 1').max(1000, 'at most 1000').optional(),
});

export async function forceSandboxError(form: FormData): Promise<void> {
  const actor = await requireSandboxStaff();
  const raw = fields(form);
  const parsed = forceForm.safeParse({ ...raw, times: raw.mode === 'times' ? raw.times : undefined });
  if (!parsed.success) back('/ops/sandbox', { error: 'invalid', detail: problem(parsed.error) });
  const { partner: p, preset: presetId, mode, times } = parsed.data!;
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
}

export async function clearSandboxError(form: FormData): Promise<void> {
  const actor = await requireSandboxStaff();
  const parsed = z.object({ partner }).safeParse(fields(form));
  if (!parsed.success) back('/ops/sandbox', { error: 'invalid', detail: problem(parsed.error) });
  const db = await getDb();
  await clearForcedError(db, parsed.data!.partner);
  await recordOpsAction(db, { actor, action: 'sandbox.clear-error', target: parsed.data!.partner });
  back('/ops/sandbox', { ok: 'cleared', partner: parsed.data!.partner });
}

export async function resetSandbox(form: FormData): Promise<void> {
  const actor = await requireSandboxStaff();
  const parsed = z.object({ confirm: z.literal('RESET', { error: 'type RESET to confirm' }) }).safeParse(fields(form));
  if (!parsed.success) back('/ops/sandbox', { error: 'invalid', detail: problem(parsed.error) });
  const db = await getDb();
  const tables = await resetSandboxData(db);
  await recordOpsAction(db, { actor, action: 'sandbox.reset', detail: { tables: tables.length } });
  back('/ops/sandbox', { ok: 'reset' });
}

const clockForm = z.object({
  days: z.coerce.number().int('whole days').min(1, 'at least 1 day').max(400, 'at most 400 days'),
});

export async function advanceSandboxClock(form: FormData): Promise<void> {
  const actor = await requireSandboxStaff();
  const parsed = clockForm.safeParse(fields(form));
  if (!parsed.success) back('/ops/sandbox', { error: 'invalid', detail: problem(parsed.error) });
  const db = await getDb();
  await moveSandboxClock(db, { days: parsed.data!.days, actor });
  back('/ops/sandbox', { ok: 'clock' });
}

const testOrderForm = z.object({
  persona: z.string().min(1, 'choose a persona'),
  product: z.string().min(1, 'choose a product'),
});

export async function createSandboxTestOrder(form: FormData): Promise<void> {
  const actor = await requireSandboxStaff();
  const parsed = testOrderForm.safeParse(fields(form));
  if (!parsed.success) back('/ops/sandbox', { error: 'invalid', detail: problem(parsed.error) });
  const db = await getDb();
  const result = await createTestOrder(db, {
    personaId: parsed.data!.persona,
    productSlug: parsed.data!.product,
    actor,
  });
  if ('error' in result) back('/ops/sandbox', { error: 'invalid', detail: result.error });
  const { orderId } = result as { orderId: string };
  await recordOpsAction(db, {
    actor,
    action: 'sandbox.test-order',
    target: `order:${orderId}`,
    detail: { persona: parsed.data!.persona },
  });
  redirect(`/ops/orders/${orderId}`);
}
