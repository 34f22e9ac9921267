import 'server-only';
import type { z } from 'zod';
import { toAuthorization } from './authorizations';
import { dollars, newFlexitiReferenceId, type FlexitiCaller } from './call';
import { toApplyBody, toWidgetInitBody, type FlexitiApplyForm, type FlexitiCheckoutForm } from './form-wire';
import { isFlexitiError } from './errors';
import type {
  FlexitiApplication,
  FlexitiAuthorization,
  FlexitiAuthorizeInput,
  FlexitiWidgetSession,
  FlowContext,
} from './types';
import { applyResponseSchema, authorizationResponseSchema, widgetInitResponseSchema } from './wire';

/**
 * FlexitiClient's checkout flow (customer scope): widget/init, /apply, /authorization. The flow's
 * later calls send the token widget/init used (docs/partners/flexiti.md#flow-token).
 */

export async function initWidget(
  caller: FlexitiCaller,
  form: FlexitiCheckoutForm,
  flow: Partial<FlowContext>,
): Promise<FlexitiWidgetSession> {
  const referenceId = flow.referenceId ?? newFlexitiReferenceId();
  // Pin the token for the whole call so the caller learns which one the widget session is tied
  // to; an unpinned 401 still gets one retry with a new token, as `call` does.
  let body: z.infer<typeof widgetInitResponseSchema> | undefined;
  let accessToken = '';
  let accessTokenExpiresAt = 0;
  for (let attempt = 1; !body; attempt++) {
    // A caller's own token: its life is not known here, so the flow assumes Flexiti's 20 minutes.
    const issued = flow.accessToken
      ? { accessToken: flow.accessToken, expiresAt: caller.now() + 1_200_000 }
      : await caller.flowToken();
    accessToken = issued.accessToken;
    accessTokenExpiresAt = issued.expiresAt;
    try {
      body = await caller.call({
        operation: 'widgetInit',
        method: 'POST',
        path: `${caller.client}/widget/init`,
        scope: 'customer',
        schema: widgetInitResponseSchema,
        json: toWidgetInitBody(form),
        flow: { ...flow, referenceId, accessToken },
      });
    } catch (e) {
      if (flow.accessToken || attempt > 1 || !isFlexitiError(e, 'invalid_token')) throw e;
    }
  }
  const widgetSessionId = new URL(body.redirection_url.replace('/#/', '/')).searchParams.get('widget_session_id');
  return { redirectionUrl: body.redirection_url, widgetSessionId, referenceId, accessToken, accessTokenExpiresAt };
}

export async function apply(
  caller: FlexitiCaller,
  form: FlexitiApplyForm,
  widgetSessionId: string,
  flow: FlowContext,
): Promise<FlexitiApplication> {
  const a = await caller.call({
    operation: 'apply',
    method: 'POST',
    path: `${caller.client}/apply`,
    scope: 'customer',
    schema: applyResponseSchema,
    json: toApplyBody(form, widgetSessionId),
    flow,
    unsafe: true,
  });
  return {
    accountNumber: a.account_number,
    status: a.status ?? 'approved',
    customerId: a.customer_id ?? null,
    creditLimitCents: a.credit_limit ?? null,
    availableCreditCents: a.available_credit ?? null,
  };
}

export async function authorize(
  caller: FlexitiCaller,
  input: FlexitiAuthorizeInput,
  flow: FlowContext,
): Promise<FlexitiAuthorization> {
  const financing = input.financing ?? { transactionType: 'regular_purchase' };
  const a = await caller.call({
    operation: 'authorize',
    method: 'POST',
    path: `${caller.v251}/authorization`,
    scope: 'customer',
    schema: authorizationResponseSchema,
    json: {
      account_number: Number(input.accountNumber),
      reference: input.reference,
      financing_option: {
        transaction_type: financing.transactionType,
        ...(financing.planId ? { plan_id: financing.planId } : {}),
        ...(financing.term ? { term: financing.term } : {}),
      },
      amount: dollars(input.amountCents),
      auto_capture: input.autoCapture ?? true,
      // Not in the documented field table, but the not_verified error text requires it (docs/partners/flexiti.md#authorization).
      widget_session_id: input.widgetSessionId,
      ...(input.skuData ? { sku_data: input.skuData } : {}),
    },
    flow,
    unsafe: true,
  });
  return toAuthorization(a);
}
