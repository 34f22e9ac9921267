import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { getDb, pingDatabase } from '@/lib/db/client';
import { countNeedsAttention } from '@/lib/ops/needs-attention';
import pkg from '@/package.json';

export const dynamic = 'force-dynamic';

/**
 * Liveness and readiness: 503 when the database does not answer. `needsAttention` is the number
 * of orders waiting for a person (the ops console's list): a monitor alerts when it is above 0.
 */
export async function GET() {
  const { sandbox } = getConfig();
  let db: 'ok' | 'down' = 'ok';
  let needsAttention: number | null = null;
  try {
    await pingDatabase();
  } catch {
    db = 'down';
  }
  if (db === 'ok') needsAttention = await countNeedsAttention(await getDb()).catch(() => null);
  const body = { status: db === 'ok' ? 'ok' : 'degraded', db, sandbox, needsAttention, version: pkg.version };
  return NextResponse.json(body, { status: db === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
