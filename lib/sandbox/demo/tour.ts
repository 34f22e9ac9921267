/**
 * The sales demo tour: the steps, what each one explains, and which store page it shows.
 * The tour links into the real store flows (in a frame) and never re-implements them.
 */
export interface TourStep {
  id: 'sign-in' | 'financing' | 'provisioning' | 'fulfilment';
  title: string;
  /** Shown beside the store: what to do (`{persona}`: the persona played), then what happens behind the scenes. */
  todo: string;
  behind: string;
  /** The sandbox data to type or pick in this step (README "Sandbox test data"). */
  data: readonly string[];
  storePath: (ctx: { productSlug: string; personaId: string }) => string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'sign-in',
    title: 'Sign in with Flipkart',
    todo: 'In the store, tap “Continue with Flipkart”. The Flipkart sheet opens on {persona}: tap Allow.',
    behind:
      'Flipkart’s SDK hands the store a one-time grant token. The store’s server exchanges it with Flipkart for the customer’s identity (GET /1/authorization/auth, signed with our secureToken) and reads the shared profile fields (POST /1/resource/bulk). No Flipkart token ever reaches the browser.',
    data: [
      'Flipkart sheet: the persona is already chosen; Allow shares name, mobile and email.',
      'Personas: Priya Sharma (happy path), Arjun Mehta (email not verified), No name on file, Kavya Iyer (denies email).',
    ],
    storePath: () => '/',
  },
  {
    id: 'financing',
    title: 'Pay with Flexiti financing',
    todo: 'Open a plan, tap “Buy now” and finance it with Flexiti (apply for new credit or use an existing account).',
    behind:
      'The store gets a Flexiti token, opens the Flexiti widget (widget/init), and once the customer finishes, asks Flexiti on the server to authorise the amount against our order id. The browser’s word is never taken for payment.',
    data: [
      'Pay with an account: “Use my Flexiti account”, account number 20009100, then the SMS PIN 2222.',
      'Or apply for credit as Priya: date of birth 1990-04-12, postal code M5V 2T6, 100 King St W, Toronto, ON, PIN 2222: approved for $1,500.00.',
      'Already a Flexiti customer: Arjun Mehta applying with 1987-09-30 and H3B 1A7. Other outcomes: the widget’s “Sandbox scenario” drawer.',
    ],
    storePath: ({ productSlug }) => `/products/${productSlug}`,
  },
  {
    id: 'provisioning',
    title: 'Provision the plan on OpenTV',
    todo: 'Open “My orders”: the plan is pending activation; follow the activation link to turn it on.',
    behind:
      'In the same database transaction that confirms the order, the store queues two jobs: create the OpenTV entitlement (with a Keycloak operator token) and tell Flipkart’s OMS the order is confirmed. A failed call is retried by the outbox, never lost. When the customer activates, OpenTV calls the store’s webhook: the arrow from OpenTV in the diagram.',
    data: ['Open the order, then “Activate your plan”: OpenTV’s activation page (run by Bango) opens; tap Activate.'],
    storePath: () => '/orders',
  },
  {
    id: 'fulfilment',
    title: 'Fulfilment on Flipkart',
    todo: 'Move the sandbox clock past the return window, then look at Flipkart’s My Orders.',
    behind:
      'After the return window the store reports ORDER_FULFILLED to Flipkart’s OMS, which is what the customer sees in Flipkart’s own My Orders. A cancellation inside the window would refund through Flexiti and report ORDER_CANCELLED instead.',
    data: [
      'Tap “Move the sandbox clock past the return window” below: Flipkart’s My Orders in the frame updates by itself from Confirmed to Fulfilled.',
    ],
    storePath: ({ personaId }) => `/sandbox/ultra/oms/my-orders?persona=${encodeURIComponent(personaId)}`,
  },
];

/** The step's "what to do", for the persona played. */
export function tourTodo(step: TourStep, personaLabel: string): string {
  return step.todo.replace('{persona}', personaLabel);
}

export function findTourStep(id: string): { step: TourStep; index: number } | null {
  const index = TOUR_STEPS.findIndex((s) => s.id === id);
  return index < 0 ? null : { step: TOUR_STEPS[index]!, index };
}
