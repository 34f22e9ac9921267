import 'server-only';
import { sql } from 'drizzle-orm';
import type { AppConfig } from '@/lib/config-schema';
import type { DbOrTx } from '@/lib/db/client';

/**
 * Data retention (docs/deploy.md#data-retention): the call log, the staff audit, order events'
 * partner details and the limiter rows do not grow forever. Each run deletes or strips at most
 * `batch` rows per table (a backlog clears over several runs, no long lock), and never touches
 * what an open order or a staff investigation needs:
 * - an order still in progress (not in a final state), or changed within the period;
 * - an order with an outbox job that is not done (pending, running, or dead: ops is looking at it).
 */

/** Final states: nothing more happens to the order by itself. */
const FINAL_STATES = ['FULFILLED', 'CANCELLED', 'PAYMENT_FAILED', 'CANCELLED_BY_CUSTOMER'];

/** Event detail keys that carry what a partner told us (account, session, authorization, message). */
export const PARTNER_DETAIL_KEYS = [
  'accountNumber',
  'accountId',
  'widgetSessionId',
  'widgetMessage',
  'authorizationId',
  'captureId',
  'returnId',
  'entitlementId',
];

export interface PruneCounts {
  callLog: number;
  audit: number;
  eventDetails: number;
  limiterRows: number;
}

const days = (n: number) => sql`now() - make_interval(days => ${n})`;
const keys = sql.raw(`array[${PARTNER_DETAIL_KEYS.map((k) => `'${k}'`).join(', ')}]`);
const finalStates = sql.raw(FINAL_STATES.map((s) => `'${s}'`).join(', '));

/** No longer needed by its order: the order is final, quiet for the period, and no job is left for it. */
const orderSettled = (orderId: ReturnType<typeof sql.raw>, period: number) => sql`
  exists (select 1 from orders o where o.id = ${orderId} and o.state in (${finalStates}) and o.updated_at < ${days(period)})
  and not exists (select 1 from outbox_jobs j where j.order_id = ${orderId} and j.status <> 'done')`;

const countOf = (result: unknown) =>
  Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0);

export async function pruneOnce(db: DbOrTx, retention: AppConfig['retention'], batch = 500): Promise<PruneCounts> {
  const callLog = await db.execute(sql`
    delete from integration_calls where id in (
      select c.id from integration_calls c
      where c.created_at < ${days(retention.callLogDays)}
        and (c.order_id is null or ${orderSettled(sql.raw('c.order_id'), retention.callLogDays)})
      order by c.id limit ${batch})
    returning id`);
  const audit = await db.execute(sql`
    delete from ops_audit where id in (
      select id from ops_audit where created_at < ${days(retention.auditDays)} order by id limit ${batch})
    returning id`);
  const eventDetails = await db.execute(sql`
    update order_events set detail = detail - ${keys}::text[]
    where id in (
      select e.id from order_events e
      where e.created_at < ${days(retention.eventDetailsDays)}
        and e.detail ?| ${keys}::text[]
        and ${orderSettled(sql.raw('e.order_id'), retention.eventDetailsDays)}
      order by e.id limit ${batch})
    returning id`);
  // A limiter row past its expiry counts nothing any more (rate-limiter-flexible starts afresh).
  const limiterRows = await db.execute(sql`
    delete from rate_limits where key in (
      select key from rate_limits where expire < now() limit ${batch})
    returning key`);
  return {
    callLog: countOf(callLog),
    audit: countOf(audit),
    eventDetails: countOf(eventDetails),
    limiterRows: countOf(limiterRows),
  };
}
