'use client';

import dynamic from 'next/dynamic';

/**
 * The checkout flow (Flexiti frame, the form's schema, next-intl) as its own chunk: it loads only
 * where a signed-in customer's checkout renders it, so a signed-out visitor who sees "Sign in to
 * pay" does not download it. Server-rendered as before; until the chunk has hydrated, the form is
 * disabled (checkout-flow.tsx), so a fast customer cannot submit the bare HTML form.
 */
export const LazyCheckoutFlow = dynamic(() => import('./checkout-flow').then((m) => m.CheckoutFlowWithMessages));
