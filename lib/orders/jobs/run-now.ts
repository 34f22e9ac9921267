import 'server-only';
import { runJobsNow as runOutboxJobsNow } from '@/lib/outbox';
import { redactLogText } from '@/lib/partners/redact';

/**
 * Tries each job once, in order, right after the commit that created it; whatever fails (or is
 * not due) is left to the outbox worker. Never throws: the change is committed already.
 */
export async function runJobsNow(jobIds: number[]): Promise<void> {
  await runOutboxJobsNow(jobIds).catch((e: unknown) => {
    console.error(
      `fulfilment: inline run failed, the outbox worker will retry: ${redactLogText(e instanceof Error ? e.message : String(e))}`,
    );
  });
}
