import 'server-only';
import { getConfig } from '@/lib/config';
import { PartnerClient } from '@/lib/partners/client-base';
import { cachedClient } from '@/lib/partners/client-cache';
import { findAuthorizationsByReference, getAuthorization, listAuthorizations } from './authorizations';
import { FlexitiCaller } from './call';
import { apply, authorize, initWidget } from './checkout';
import type { FlexitiApplyForm, FlexitiCheckoutForm } from './form-wire';
import { capture, release, returnCapture } from './money';
import type {
  FlexitiApplication,
  FlexitiAuthorization,
  FlexitiAuthorizationFilter,
  FlexitiAuthorizeInput,
  FlexitiCapture,
  FlexitiCaptureInput,
  FlexitiDeps,
  FlexitiRelease,
  FlexitiReturn,
  FlexitiReturnInput,
  FlexitiSettings,
  FlexitiWidgetSession,
  FlowContext,
} from './types';

/**
 * The Flexiti POS API client (docs/partners/flexiti.md): one method per endpoint, app types in and
 * out (./types.ts; amounts in cents). The calls live in ./checkout.ts (customer scope), ./money.ts
 * and ./authorizations.ts (merchant scope), all through one FlexitiCaller (./call.ts), which holds
 * this client's merchant token.
 */
export class FlexitiClient extends PartnerClient<FlexitiSettings> {
  override readonly partner = 'flexiti';
  private readonly caller: FlexitiCaller;

  constructor(settings: FlexitiSettings, deps: FlexitiDeps = {}) {
    super(settings);
    this.caller = new FlexitiCaller(settings, deps);
  }

  /** A merchant token from this client (on a fresh client: whatever the app's holds). Throws if refused. */
  override async checkCredentials(): Promise<void> {
    await this.merchantToken();
  }

  /**
   * A new customer-scope token, all 20 minutes left (docs/partners/flexiti.md#flow-token "Access Token Notes"), for
   * one flow only. `initWidget` calls it; exposed for health checks and tests.
   */
  async freshCustomerToken(): Promise<string> {
    return (await this.caller.flowToken()).accessToken;
  }

  /** A merchant-scope token (health check of the Flexiti credentials). */
  merchantToken(): Promise<string> {
    return this.caller.merchantToken();
  }

  /** `widget/init` (docs/partners/flexiti.md#widget-init): no amount, no order id. Returns the URL to render in the iframe. */
  initWidget(form: FlexitiCheckoutForm, flow: Partial<FlowContext> = {}): Promise<FlexitiWidgetSession> {
    return initWidget(this.caller, form, flow);
  }

  /** `POST /apply` (docs/partners/flexiti.md#apply): mandatory after flx-success in the apply flow. */
  apply(form: FlexitiApplyForm, widgetSessionId: string, flow: FlowContext): Promise<FlexitiApplication> {
    return apply(this.caller, form, widgetSessionId, flow);
  }

  /**
   * `POST v2.5.1/.../authorization` (docs/partners/flexiti.md#authorization). `reference` is our order id. Not retried: Flexiti
   * has no idempotency key, so an error with `outcomeUnknown` must be reconciled
   * with `findAuthorizationByReference` before trying again.
   */
  authorize(input: FlexitiAuthorizeInput, flow: FlowContext): Promise<FlexitiAuthorization> {
    return authorize(this.caller, input, flow);
  }

  capture(input: FlexitiCaptureInput, flow: Partial<FlowContext> = {}): Promise<FlexitiCapture> {
    return capture(this.caller, input, flow);
  }

  release(authorizationId: string, flow: Partial<FlowContext> = {}): Promise<FlexitiRelease> {
    return release(this.caller, authorizationId, flow);
  }

  /** Returns (refunds) part or all of a capture: `amountCents` or `full: true`. */
  returnCapture(input: FlexitiReturnInput, flow: Partial<FlowContext> = {}): Promise<FlexitiReturn> {
    return returnCapture(this.caller, input, flow);
  }

  getAuthorization(authorizationId: string, flow: Partial<FlowContext> = {}): Promise<FlexitiAuthorization> {
    return getAuthorization(this.caller, authorizationId, flow);
  }

  listAuthorizations(
    filter: FlexitiAuthorizationFilter,
    flow: Partial<FlowContext> = {},
  ): Promise<FlexitiAuthorization[]> {
    return listAuthorizations(this.caller, filter, flow);
  }

  /** Reconciliation after an unknown outcome (docs/partners/flexiti.md#reconciliation: poll, no webhooks): our order id is `reference`. */
  async findAuthorizationByReference(
    accountNumber: string,
    reference: string,
    flow: Partial<FlowContext> = {},
  ): Promise<FlexitiAuthorization | null> {
    return (await findAuthorizationsByReference(this.caller, accountNumber, reference, flow))[0] ?? null;
  }

  /** Every authorization of the account with our `reference`, newest first. */
  findAuthorizationsByReference(
    accountNumber: string,
    reference: string,
    flow: Partial<FlowContext> = {},
  ): Promise<FlexitiAuthorization[]> {
    return findAuthorizationsByReference(this.caller, accountNumber, reference, flow);
  }
}

/** A FlexitiClient's settings from FLEXITI_* (lib/config.ts); the health checks build a fresh client with them. */
export function settingsFromConfig(): FlexitiSettings {
  const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
  return { baseUrl, clientId, clientSecret };
}

/** The app's Flexiti client, configured from FLEXITI_* (lib/config.ts); one per process (client-cache.ts). */
export function flexitiClient(): FlexitiClient {
  const settings = settingsFromConfig();
  return cachedClient('flexiti', `${settings.baseUrl}|${settings.clientId}`, () => new FlexitiClient(settings));
}
