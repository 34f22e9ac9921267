/**
 * What the tester can make the sandbox widget do: one scenario per row of the table in
 * docs/partners/flexiti.md#widget-events, plus cancel and failure (docs/partners/flexiti.md#widget-events event protocol).
 * Pure data and functions, shared by the widget page and the outcome endpoint.
 */

export type Flow = 'apply' | 'purchase';
export type AccountStatus = 'active' | 'derogatory' | 'needs_activation';

export const SCENARIO_IDS = [
  'verified-purchase',
  'unverified-purchase',
  'activation',
  'new-application',
  'derogatory',
  'apply-approved',
  'apply-declined',
  'apply-derogatory',
  'existing-account',
  'cancel',
  'failure',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface Scenario {
  id: ScenarioId;
  label: string;
  /** The next-step table row (docs/partners/flexiti.md#next-step) (flow | accountNumber | verified | action) or event it produces. */
  row: string;
  flows: readonly Flow[];
  /** Needs the sandbox account the identification matched. */
  needsAccount?: boolean;
  /** Needs personal information in widget/init (the "personal_information given" row). */
  needsPersonalInfo?: boolean;
  /** The customer verifies with the SMS PIN; the sandbox's is the vendor's test PIN 2222. */
  needsPin?: boolean;
}

export const TEST_PIN = '2222';

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'verified-purchase',
    label: 'Verified purchase',
    row: 'purchase | numeric | true | purchase',
    flows: ['purchase'],
    needsAccount: true,
    // mfaOptionSelected: 'sms': the customer typed the code Flexiti texted them.
    needsPin: true,
  },
  {
    id: 'unverified-purchase',
    label: 'Verification failed',
    row: 'purchase | numeric | false | purchase',
    flows: ['purchase'],
    needsAccount: true,
  },
  {
    id: 'activation',
    label: 'Account needs activation',
    row: 'purchase/apply | null | false | activation',
    flows: ['purchase', 'apply'],
  },
  {
    id: 'new-application',
    label: 'Start a new application instead',
    row: 'purchase (personal information) | null | false | apply',
    flows: ['purchase'],
    needsPersonalInfo: true,
  },
  {
    id: 'derogatory',
    label: 'Derogatory status',
    row: 'purchase | null | false | null',
    flows: ['purchase'],
  },
  {
    id: 'apply-approved',
    label: 'Application approved',
    row: 'apply | null | true | apply (then /apply approves)',
    flows: ['apply'],
    needsPin: true,
  },
  {
    id: 'apply-declined',
    label: 'Application declined',
    row: 'apply | null | true | apply (then /apply declines)',
    flows: ['apply'],
    needsPin: true,
  },
  {
    id: 'apply-derogatory',
    label: 'Existing account, derogatory status',
    row: 'apply | null | false | null',
    flows: ['apply'],
  },
  {
    id: 'existing-account',
    label: 'Existing account found: buy with it',
    row: 'apply, existing account | numeric | false | purchase',
    flows: ['apply'],
    needsAccount: true,
  },
  { id: 'cancel', label: 'Cancel', row: 'flx-cancel (no eventData)', flows: ['purchase', 'apply'] },
  {
    id: 'failure',
    label: 'Something went wrong',
    row: 'flx-failure {error, message}',
    flows: ['purchase', 'apply'],
  },
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export interface SessionFacts {
  flow: Flow;
  hasPersonalInfo: boolean;
  account: { status: AccountStatus } | null;
}

export type Unavailable = 'other-flow' | 'no-account' | 'no-personal-info';

/** Why a scenario cannot run for this session, or null when it can. */
export function unavailableReason(s: Scenario, facts: SessionFacts): Unavailable | null {
  if (!s.flows.includes(facts.flow)) return 'other-flow';
  if (s.needsAccount && !facts.account) return 'no-account';
  if (s.needsPersonalInfo && !facts.hasPersonalInfo) return 'no-personal-info';
  return null;
}

/** The API's wording of an {@link Unavailable} reason (the widget has its own, translated). */
export function unavailableText(s: Scenario, reason: Unavailable): string {
  if (reason === 'other-flow') return `only for the ${s.flows.join(' or ')} flow`;
  if (reason === 'no-account') return 'no sandbox account matches the details sent to widget/init';
  return 'widget/init had no personal information';
}

/** The scenario the account implies, preselected on the widget page. */
export function defaultScenario(facts: SessionFacts): ScenarioId {
  const status = facts.account?.status;
  if (facts.flow === 'purchase') {
    if (!facts.account) return facts.hasPersonalInfo ? 'new-application' : 'failure';
    if (status === 'derogatory') return 'derogatory';
    if (status === 'needs_activation') return 'activation';
    return 'verified-purchase';
  }
  if (!facts.account) return 'apply-approved';
  if (status === 'derogatory') return 'apply-derogatory';
  if (status === 'needs_activation') return 'activation';
  return 'existing-account';
}

export interface OutcomeContext {
  widgetSessionId: string;
  accountNumber: string | null;
  customerId: string;
  accountType: 'consumer' | 'business';
}

export interface Outcome {
  message: { eventType: 'flx-success' | 'flx-failure' | 'flx-cancel'; eventData?: Record<string, unknown> };
  /** flx-success with verified: true (what `/authorization` and `/apply` check). */
  verified: boolean;
  applicationDecision: 'approved' | 'declined' | null;
}

/** The message the widget posts for a scenario: shapes exactly as in docs/partners/flexiti.md#widget-events. */
export function outcomeFor(id: ScenarioId, ctx: OutcomeContext): Outcome {
  const success = (
    accountNumber: string | null,
    verified: boolean,
    action: 'apply' | 'purchase' | 'activation' | null,
    mfa: 'sms' | null,
  ): Outcome['message'] => ({
    eventType: 'flx-success',
    eventData: {
      accountNumber: accountNumber === null ? null : Number(accountNumber),
      verified,
      action,
      mfaOptionSelected: mfa,
      widget_session_id: ctx.widgetSessionId,
      customerId: ctx.customerId,
      accountType: ctx.accountType,
    },
  });
  const plain = (message: Outcome['message'], verified = false): Outcome => ({
    message,
    verified,
    applicationDecision: null,
  });
  switch (id) {
    case 'verified-purchase':
      return plain(success(ctx.accountNumber, true, 'purchase', 'sms'), true);
    case 'unverified-purchase':
      return plain(success(ctx.accountNumber, false, 'purchase', 'sms'));
    case 'activation':
      return plain(success(null, false, 'activation', null));
    case 'new-application':
      return plain(success(null, false, 'apply', null));
    case 'derogatory':
    case 'apply-derogatory':
      return plain(success(null, false, null, null));
    case 'apply-approved':
    case 'apply-declined':
      // The widget looks the same either way; the decision comes from `/apply` (docs/partners/flexiti.md#apply).
      return {
        message: success(null, true, 'apply', 'sms'),
        verified: true,
        applicationDecision: id === 'apply-approved' ? 'approved' : 'declined',
      };
    case 'existing-account':
      return plain(success(ctx.accountNumber, false, 'purchase', null));
    case 'cancel':
      return plain({ eventType: 'flx-cancel' });
    case 'failure':
      return plain({
        eventType: 'flx-failure',
        eventData: { error: 500, message: 'The Flexiti widget could not complete the request' },
      });
  }
}
