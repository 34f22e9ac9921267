import 'server-only';
import type { z } from 'zod';
import type { FlexitiCaller } from './call';
import type { FlexitiAuthorization, FlexitiAuthorizationFilter, FlowContext } from './types';
import { authorizationListSchema, authorizationResponseSchema } from './wire';

/** FlexitiClient's reads of authorizations (merchant scope, safe to retry; docs/partners/flexiti.md#reconciliation). */

export const toAuthorization = (a: z.infer<typeof authorizationResponseSchema>): FlexitiAuthorization => ({
  authorizationId: a.authorization_id,
  status: a.status,
  accountNumber: a.account_number ?? null,
  reference: a.reference ?? null,
  amountCents: a.amount,
  capturedCents: a.captured_amount ?? null,
  releasedCents: a.released_amount ?? null,
  returnedCents: a.returned_amount ?? null,
  captureId: a.capture_id ?? null,
  createdAt: a.creation_date ?? null,
});

export async function getAuthorization(
  caller: FlexitiCaller,
  authorizationId: string,
  flow: Partial<FlowContext>,
): Promise<FlexitiAuthorization> {
  const a = await caller.call({
    operation: 'getAuthorization',
    method: 'GET',
    path: `${caller.v251}/authorization/${encodeURIComponent(authorizationId)}`,
    scope: 'merchant',
    schema: authorizationResponseSchema,
    flow,
  });
  return toAuthorization(a);
}

export async function listAuthorizations(
  caller: FlexitiCaller,
  filter: FlexitiAuthorizationFilter,
  flow: Partial<FlowContext>,
): Promise<FlexitiAuthorization[]> {
  const r = await caller.call({
    operation: 'listAuthorizations',
    method: 'GET',
    path: `${caller.v251}/authorizations`,
    scope: 'merchant',
    schema: authorizationListSchema,
    query: {
      account_number: filter.accountNumber,
      authorization_status: filter.status,
      page_number: filter.pageNumber?.toString(),
      page_size: filter.pageSize?.toString(),
    },
    flow,
  });
  return r.map(toAuthorization);
}

/**
 * Every authorization of the account with our `reference` (the list has no reference filter),
 * newest first. Pages through at most 10 × 100 of the account's authorizations.
 */
export async function findAuthorizationsByReference(
  caller: FlexitiCaller,
  accountNumber: string,
  reference: string,
  flow: Partial<FlowContext>,
): Promise<FlexitiAuthorization[]> {
  const found: FlexitiAuthorization[] = [];
  const pageSize = 100;
  for (let pageNumber = 1; pageNumber <= 10; pageNumber++) {
    const page = await listAuthorizations(caller, { accountNumber, pageNumber, pageSize }, flow);
    found.push(...page.filter((a) => a.reference === reference));
    if (page.length < pageSize) break;
  }
  return found;
}
