import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/lib/db/client';
import { sandboxFaultQueue, type SandboxFaultQueueRow } from '@/lib/db/schema';
import { serviceOfSandboxPath } from '@/lib/partners/registry';
import { CONTROLLED_PARTNERS, type ControlledPartner } from './controls';
import { json } from './router';

/**
 * Queued one-shot faults per partner and route, for the chaos suite and QA: "refuse" (the
 * partner never sees the request) and "lost" (the partner applies it, then its answer is
 * replaced by the fault: a 503 after the money moved, or a 200 whose body cannot be read). Taken
 * in queue order by the first matching request, atomically across instances.
 */

export const queuedFaultSchema = z.object({
  partner: z.enum(CONTROLLED_PARTNERS),
  match: z
    .string()
    .max(200)
    .refine((re) => {
      try {
        new RegExp(re);
        return true;
      } catch {
        return false;
      }
    }, 'must be a regular expression')
    .nullish(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).nullish(),
  mode: z.enum(['refuse', 'lost']),
  status: z.number().int().min(200).max(599).default(503),
  body: z.unknown().optional(),
  times: z.number().int().min(1).max(1000).default(1),
});
export type QueuedFaultInput = z.input<typeof queuedFaultSchema>;
export type QueuedFault = SandboxFaultQueueRow;

export async function queueFaults(db: DbOrTx, input: QueuedFaultInput): Promise<number> {
  const f = queuedFaultSchema.parse(input);
  const row = {
    partner: f.partner,
    match: f.match ?? null,
    method: f.method ?? null,
    mode: f.mode,
    status: f.status,
    body: f.body ?? null,
  };
  await db.insert(sandboxFaultQueue).values(Array.from({ length: f.times }, () => row));
  return f.times;
}

export function listQueuedFaults(db: DbOrTx) {
  return db.select().from(sandboxFaultQueue).orderBy(asc(sandboxFaultQueue.id));
}

export async function clearQueuedFaults(db: DbOrTx): Promise<void> {
  await db.delete(sandboxFaultQueue);
}

/** Takes the first queued fault that matches this request, if any (exactly one request gets it). */
export async function takeQueuedFault(
  db: Db,
  partner: ControlledPartner,
  path: string,
  method: string,
): Promise<QueuedFault | null> {
  const q = sandboxFaultQueue;
  const result: unknown = await db.execute(sql`
    delete from ${q} where ${q.id} = (
      select id from ${q}
      where ${q.partner} = ${partner}
        and (${q.match} is null or ${path} ~ ${q.match})
        and (${q.method} is null or ${q.method} = ${method})
      order by id limit 1 for update skip locked)
    returning *`);
  type Row = Record<string, unknown>;
  const list = (result as { rows?: Row[] }).rows ?? (result as Row[]);
  const r = list[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    partner: String(r.partner),
    match: (r.match as string | null) ?? null,
    method: (r.method as string | null) ?? null,
    mode: r.mode as QueuedFault['mode'],
    status: Number(r.status),
    body: r.body ?? null,
    createdAt: new Date(String(r.created_at)),
  };
}

/** The fault as an HTTP answer: a string body is sent as text (what a broken gateway sends). */
export function faultAnswer(f: Pick<QueuedFault, 'status' | 'body' | 'partner'>): Response {
  if (typeof f.body === 'string') {
    return new Response(f.body, { status: f.status, headers: { 'content-type': 'text/html' } });
  }
  return json(f.body ?? { error: 'service_unavailable', message: `${f.partner} sandbox: queued fault` }, f.status);
}

/** Which partner's controls a sandbox request falls under; null for sandbox-only helper routes. */
export function partnerOfSandboxPath(mount: string, path: string): ControlledPartner | null {
  if (/^\/(widget-api|sandbox)\//.test(path) || path === '/jwks' || path.endsWith('/certs')) return null;
  return (serviceOfSandboxPath(mount, path)?.name as ControlledPartner | undefined) ?? null;
}
