import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { checkoutFlows, customers, integrationCalls, orderEvents, orders } from '@/lib/db/schema';
import { startCheckout } from '@/lib/orders/checkout';
import { parseCheckoutForm, type CheckoutForm } from '@/lib/orders/browser';
import { parseFlexitiWidgetMessage, type FlexitiWidgetEvent } from '@/lib/partners/flexiti';
import type { TestApp } from './sandbox-server';

/** Checkout test helpers over a test app: customers, forms, the sandbox widget, order reads. */
export function checkoutHelpers(getApp: () => TestApp) {
  let n = 0;
  const db = () => getApp().open.db;

  async function newCustomer() {
    const [c] = await db()
      .insert(customers)
      .values({ identityToken: `test-identity-${++n}-${Date.now()}`, firstName: 'Test', lastName: 'Customer' })
      .returning();
    return c!;
  }

  const form = (input: Record<string, unknown>): CheckoutForm => {
    const r = parseCheckoutForm(input);
    if (!r.success) throw new Error(JSON.stringify(r.fieldErrors));
    return r.data;
  };
  const byAccount = (accountNumber: string) => form({ flow: 'purchase', identifyBy: 'account', accountNumber });

  /**
   * What the sandbox widget posts when the tester picks a scenario; the customer types the SMS PIN
   * (the sandbox's is 2222) whenever the scenario asks for one.
   */
  async function widget(redirectionUrl: string, scenario: string, pin = '2222'): Promise<FlexitiWidgetEvent> {
    const key = new URL(redirectionUrl).pathname.split('/').pop();
    const res = await fetch(`${getApp().url}/sandbox/flexiti/widget-api/${key}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario, pin }),
    });
    expect(res.status).toBe(200);
    const event = parseFlexitiWidgetMessage(await res.json());
    expect(event).not.toBeNull();
    return event!;
  }

  async function started(customer: { id: string }, f: CheckoutForm, slug = 'premium-monthly') {
    const r = await startCheckout(customer, slug, f);
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r;
  }

  const orderRow = async (id: string) => (await db().select().from(orders).where(eq(orders.id, id)))[0]!;
  const causes = async (id: string) =>
    (await db().select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id))).map(
      (e) => `${e.fromState ?? '-'}>${e.toState} ${e.cause}`,
    );
  const flowRow = async (id: string) =>
    (await db().select().from(checkoutFlows).where(eq(checkoutFlows.orderId, id)))[0]!;
  /** The order's Flexiti calls (fulfilment's OpenTV and OMS calls come after the commit). */
  const callsOf = (orderId: string) =>
    db()
      .select()
      .from(integrationCalls)
      .where(and(eq(integrationCalls.orderId, orderId), eq(integrationCalls.partner, 'flexiti')))
      .orderBy(asc(integrationCalls.id));

  /** A new applicant (the apply route); the date of birth tells the sandbox's decisions apart. */
  const applicant = (dateOfBirth: string) =>
    form({
      flow: 'apply',
      firstName: 'Nadia',
      lastName: 'Okafor',
      dateOfBirth,
      postalCode: 'M4B 1B3',
      email: 'nadia@example.com',
      mobile: '4165550199',
      address1: '1 Queen St W',
      city: 'Toronto',
      province: 'ON',
      agreeToTerms: true,
    });

  return { newCustomer, form, applicant, byAccount, widget, started, orderRow, causes, flowRow, callsOf };
}
