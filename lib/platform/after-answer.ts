import 'server-only';
import { after } from 'next/server';

/**
 * Work a request does not have to wait for (the first try of committed outbox jobs): during a
 * request it runs once the answer has been sent (Next's `after`), so the customer's answer does
 * not wait for it; anywhere else (the outbox worker, scripts, tests) it runs now and is awaited,
 * as it always was. `task` must not throw: nobody is left to hear it after the answer.
 */
export async function afterAnswer(task: () => Promise<void>): Promise<void> {
  try {
    after(task);
    return;
  } catch {
    // Outside a request scope: Next's `after` refuses; run it here instead.
  }
  await task();
}
