'use server';

import { z } from 'zod';
import { back, invalidOn } from '@/lib/actions/redirect-back';
import { validatedActionWithStaff } from '@/lib/actions/staff-action';
import { getDb } from '@/lib/db/client';
import { recordOpsAction } from '@/lib/ops/audit';
import { giveUpJob, retryJob, runJobNow } from '@/lib/outbox';

/**
 * The outbox page: retry or give up a job: staff check first, zod on the form
 * (validatedActionWithStaff), the change, then one `ops_audit` row naming who did it. Outcomes
 * come back as fixed codes in the URL (see the page's message table).
 */
const outbox = { returnTo: '/ops/outbox', onInvalid: invalidOn('/ops/outbox') };

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
