import { z } from 'zod';
import { flexitiWidgetEventSchema } from '@/lib/partners/flexiti/browser';
import { validationMessage } from '@/lib/i18n/validation-message';
import { orderIdSchema } from '../order-id';
import { applyFormSchema, purchaseFormSchema } from './form-schema';

/**
 * What the checkout page sends to its server actions, parsed by the same schemas in the browser
 * (before anything is sent) and on the server. Isomorphic: no server imports.
 */

/** Either checkout form, chosen by `flow`, so errors name the fields of that form only. */
export const checkoutFormSchema = z.discriminatedUnion('flow', [purchaseFormSchema, applyFormSchema]);

export const productSlugSchema = z
  .string({ error: validationMessage('choosePlan') })
  .regex(/^[a-z0-9-]{1,64}$/, validationMessage('planFromCatalog'));

export const startCheckoutInputSchema = z.intersection(
  z.object({
    productSlug: productSlugSchema,
    /** The price the page showed (cents): compared with the current one, never charged (docs/refund-policy.md#price). */
    priceCents: z.number().int().min(0).max(100_000_000).optional(),
  }),
  checkoutFormSchema,
);
export type StartCheckoutInput = z.input<typeof startCheckoutInputSchema>;

export const widgetEventInputSchema = z.object({ orderId: orderIdSchema, event: flexitiWidgetEventSchema });
