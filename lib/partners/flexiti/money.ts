import 'server-only';
import { dollars, type FlexitiCaller } from './call';
import type {
  FlexitiCapture,
  FlexitiCaptureInput,
  FlexitiRelease,
  FlexitiReturn,
  FlexitiReturnInput,
  FlowContext,
} from './types';
import { captureResponseSchema, releaseResponseSchema, returnResponseSchema } from './wire';

/**
 * FlexitiClient's calls that move money after an authorization (merchant scope). None is
 * repeated: Flexiti has no idempotency key (docs/partners/flexiti.md#authorization).
 */

export async function capture(
  caller: FlexitiCaller,
  input: FlexitiCaptureInput,
  flow: Partial<FlowContext>,
): Promise<FlexitiCapture> {
  const c = await caller.call({
    operation: 'capture',
    method: 'POST',
    path: `${caller.v251}/authorization/${encodeURIComponent(input.authorizationId)}/capture`,
    scope: 'merchant',
    schema: captureResponseSchema,
    json: { amount: dollars(input.amountCents), ...(input.reference ? { reference: input.reference } : {}) },
    flow,
    unsafe: true,
  });
  return {
    captureId: c.capture_id,
    amountCents: c.amount ?? null,
    remainingAuthorizationCents: c.remaining_authorization_amount ?? null,
  };
}

export async function release(
  caller: FlexitiCaller,
  authorizationId: string,
  flow: Partial<FlowContext>,
): Promise<FlexitiRelease> {
  const r = await caller.call({
    operation: 'release',
    method: 'POST',
    path: `${caller.v251}/authorization/${encodeURIComponent(authorizationId)}/release`,
    scope: 'merchant',
    schema: releaseResponseSchema,
    json: {},
    flow,
    unsafe: true,
  });
  return { status: r.status ?? 'released', releasedCents: r.released_amount ?? null };
}

export async function returnCapture(
  caller: FlexitiCaller,
  input: FlexitiReturnInput,
  flow: Partial<FlowContext>,
): Promise<FlexitiReturn> {
  const r = await caller.call({
    operation: 'returnCapture',
    method: 'POST',
    path: `${caller.v251}/authorization/${encodeURIComponent(input.authorizationId)}/capture/${encodeURIComponent(input.captureId)}/return`,
    scope: 'merchant',
    schema: returnResponseSchema,
    json: {
      ...(input.reference ? { reference: input.reference } : {}),
      ...(input.full ? { full_return: true } : { full_return: false, amount: dollars(input.amountCents) }),
    },
    flow,
    unsafe: true,
  });
  return {
    returnId: r.return_id,
    captureId: r.capture_id,
    amountCents: r.amount,
    date: r.date ?? null,
    remainingCaptureCents: r.remaining_capture_amount ?? null,
  };
}
