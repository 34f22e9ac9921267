import { formatUtc } from './format-time';

/** What "Retry now" did, in words that say what happens next (lib/outbox/run.ts JobOutcome). */
export function retryMessage(
  job: string,
  outcome: string,
  row: { lastError: string | null; runAt: Date } | null,
): { kind: 'ok' | 'error'; text: string } {
  const why = row?.lastError ? ` Partner answer: ${row.lastError}` : '';
  switch (outcome) {
    case 'done':
      return { kind: 'ok', text: `Job #${job} retried: delivered.` };
    case 'retry':
      return {
        kind: 'error',
        text: `Job #${job} ran again and failed; the worker tries again at ${row ? formatUtc(row.runAt) : 'its next run'}.${why}`,
      };
    case 'dead':
      return { kind: 'error', text: `Job #${job} ran again and failed for good: it is dead now.${why}` };
    case 'fenced':
      return {
        kind: 'ok',
        text: `Job #${job} was taken over by another worker while it ran; that worker's outcome counts.`,
      };
    default:
      return { kind: 'ok', text: `Job #${job} is queued: the worker runs it within seconds.` };
  }
}
