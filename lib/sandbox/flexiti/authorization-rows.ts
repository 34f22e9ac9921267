import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  sandboxFlexitiAuthorizations,
  sandboxFlexitiCaptures,
  type SandboxFlexitiAuthorizationRow,
  type SandboxFlexitiCaptureRow,
} from '@/lib/db/schema';
import type { DbOrTx } from '@/lib/db/client';
import type { SandboxContext } from '@/lib/sandbox/router';
import { flexitiError } from './errors';

/** What the transaction endpoints share: the rows, their simulator-defined JSON, the lookup by path. */

export type Authorization = SandboxFlexitiAuthorizationRow;
export type Capture = SandboxFlexitiCaptureRow;

export const dollars = (cents: number) => cents / 100;

export async function capturesOf(db: DbOrTx, authorizationIds: number[]): Promise<Capture[]> {
  if (!authorizationIds.length) return [];
  return db
    .select()
    .from(sandboxFlexitiCaptures)
    .where(inArray(sandboxFlexitiCaptures.authorizationId, authorizationIds))
    .orderBy(asc(sandboxFlexitiCaptures.id));
}

/** Simulator-defined authorization body (docs/partners/flexiti.md#authorization). */
export function authorizationJson(a: Authorization, captures: Capture[]) {
  const returned = captures.reduce((n, c) => n + c.returnedCents, 0);
  return {
    authorization_id: a.id,
    status: a.status,
    account_number: Number(a.accountNumber),
    reference: a.reference,
    amount: dollars(a.amountCents),
    captured_amount: dollars(a.capturedCents),
    released_amount: dollars(a.releasedCents),
    returned_amount: dollars(returned),
    remaining_authorization_amount: dollars(a.amountCents - a.capturedCents - a.releasedCents),
    auto_capture: a.autoCapture,
    financing_option: {
      transaction_type: a.transactionType,
      ...(a.planId ? { plan_id: a.planId } : {}),
      ...(a.term ? { term: a.term } : {}),
    },
    capture_id: captures[0]?.id ?? null,
    captures: captures.map((c) => ({
      capture_id: c.id,
      reference: c.reference,
      amount: dollars(c.amountCents),
      remaining_capture_amount: dollars(c.amountCents - c.returnedCents),
      date: c.createdAt.toISOString(),
    })),
    creation_date: a.createdAt.toISOString(),
  };
}

export async function loadAuthorization(
  db: DbOrTx,
  ctx: SandboxContext,
): Promise<{ ok: true; a: Authorization } | { ok: false; response: Response }> {
  const id = Number(ctx.params.authorizationId);
  const [a] = Number.isSafeInteger(id)
    ? await db
        .select()
        .from(sandboxFlexitiAuthorizations)
        .where(
          and(eq(sandboxFlexitiAuthorizations.id, id), eq(sandboxFlexitiAuthorizations.clientId, ctx.params.clientId!)),
        )
    : [];
  return a
    ? { ok: true, a }
    : { ok: false, response: flexitiError(ctx.url, 404, 'not_found', 'No authorization with this id') };
}
