'use client';

import dynamic from 'next/dynamic';

/**
 * The checkout form and the Flexiti frame, in their own chunk (with zod and the form schemas):
 * only a signed-in customer is shown them, so a signed-out visitor, who sees "Sign in to pay",
 * does not download them. Still rendered on the server for the signed-in customer.
 */
export const CheckoutFlowLazy = dynamic(() => import('./checkout-flow').then((m) => m.CheckoutFlow));
