import { gte } from 'drizzle-orm';
import { openDatabase, type DatabaseTarget } from '@/lib/db/open';
import { integrationCalls } from '@/lib/db/schema';
import type { PartnerCall } from './overhead';

/**
 * The partner calls logged since `sinceMs`, read once the server has stopped (PGlite admits one
 * process at a time). `createdAt` is written right after the answer, so it marks the call's end.
 */
export async function partnerCallsSince(target: DatabaseTarget, sinceMs: number): Promise<PartnerCall[]> {
  const open = await openDatabase(target, { migrate: false });
  try {
    const rows = await open.db
      .select({ createdAt: integrationCalls.createdAt, latencyMs: integrationCalls.latencyMs })
      .from(integrationCalls)
      .where(gte(integrationCalls.createdAt, new Date(sinceMs)));
    return rows.map((r) => ({ endMs: r.createdAt.getTime(), latencyMs: r.latencyMs }));
  } finally {
    await open.close();
  }
}
