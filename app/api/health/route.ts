import { NextResponse } from 'next/server';
import { getConfig } from '@/lib/config';
import { pingDatabase } from '@/lib/db/client';
import pkg from '@/package.json';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: 503 when the database does not answer. */
export async function GET() {
  const { sandbox } = getConfig();
  let db: 'ok' | 'down' = 'ok';
  try {
    await pingDatabase();
  } catch {
    db = 'down';
  }
  const body = { status: db === 'ok' ? 'ok' : 'degraded', db, sandbox, version: pkg.version };
  return NextResponse.json(body, { status: db === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
