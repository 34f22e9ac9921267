/**
 * The app types of the Flexiti client (docs/partners/flexiti.md): what its methods take and return.
 * Amounts are cents here and dollars on the wire; wire shapes stay in ./wire.ts.
 */

/** How a FlexitiClient reaches Flexiti (FLEXITI_* in lib/config.ts). */
export interface FlexitiSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

/** What a FlexitiClient is given besides its settings (tests move the clock). */
export interface FlexitiDeps {
  now?: () => number;
}

export interface FlowContext {
  /** The flow's 32-hex `x-reference-id` (from `initWidget`). */
  referenceId: string;
  correlationId?: string;
  orderId?: string;
  /**
   * The customer-scope access token the flow started with (from `initWidget`). Flexiti ties the
   * widget session to that token (docs/partners/flexiti.md#flow-token "Access Token Notes"), so `/apply` and `/authorization`
   * must send it rather than whatever the shared cache holds by then (another checkout may have
   * renewed it, or another instance has its own). Server-side only.
   */
  accessToken?: string;
}

export interface FlexitiWidgetSession {
  redirectionUrl: string;
  /** From the redirection URL; the widget echoes it in flx-success. */
  widgetSessionId: string | null;
  referenceId: string;
  /** The token widget/init used: pass it back as `FlowContext.accessToken` for the flow's later calls. */
  accessToken: string;
  /**
   * When that token runs out (epoch ms on our clock, measured from before its request, so never
   * later than Flexiti's): the flow must finish by then (docs/partners/flexiti.md#flow-token).
   */
  accessTokenExpiresAt: number;
}

export interface FlexitiApplication {
  accountNumber: string;
  status: string;
  customerId: string | null;
  creditLimitCents: number | null;
  availableCreditCents: number | null;
}

export interface FlexitiAuthorization {
  authorizationId: string;
  /** `opened` is the only documented status; the sandbox adds `captured` and `released`. */
  status: string;
  accountNumber: string | null;
  reference: string | null;
  amountCents: number;
  capturedCents: number | null;
  /** Given back already (released or returned), when Flexiti says so; null: not said. */
  releasedCents: number | null;
  returnedCents: number | null;
  captureId: string | null;
  createdAt: string | null;
}

export interface FlexitiCapture {
  captureId: string;
  amountCents: number | null;
  remainingAuthorizationCents: number | null;
}

export interface FlexitiRelease {
  status: string;
  releasedCents: number | null;
}

export interface FlexitiReturn {
  returnId: string;
  captureId: string;
  amountCents: number;
  date: string | null;
  remainingCaptureCents: number | null;
}

export interface FlexitiFinancing {
  transactionType: 'regular_purchase' | 'promotional_purchase';
  planId?: string;
  term?: string;
}

export interface FlexitiAuthorizeInput {
  accountNumber: string;
  amountCents: number;
  reference: string;
  widgetSessionId: string;
  autoCapture?: boolean;
  financing?: FlexitiFinancing;
  skuData?: Record<string, unknown>;
}

export interface FlexitiCaptureInput {
  authorizationId: string;
  amountCents: number;
  reference?: string;
}

/** Part of a capture (`amountCents`) or all of it (`full: true`). */
export type FlexitiReturnInput = { authorizationId: string; captureId: string; reference?: string } & (
  { amountCents: number; full?: false } | { full: true }
);

export interface FlexitiAuthorizationFilter {
  accountNumber?: string;
  status?: string;
  pageNumber?: number;
  pageSize?: number;
}
