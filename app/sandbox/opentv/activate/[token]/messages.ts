import { z } from 'zod';

/**
 * The sandbox activation page's words, English and French, and what the store adds to the
 * activation link for it (docs/partners/opentv.md#activation): `lang`, the store's language, and
 * `return`, the store page to come back to. `return` is a path on this site only ("/…", never
 * "//…"), so the page cannot be made to send anyone elsewhere.
 */
export const linkParams = z.object({
  lang: z.enum(['en', 'fr']).catch('en'),
  return: z
    .string()
    .regex(/^\/(?!\/)[A-Za-z0-9/_-]{0,200}$/)
    .optional()
    .catch(undefined),
  error: z.string().optional(),
});
export type ActivationLang = 'en' | 'fr';

export const ACTIVATION_MESSAGES = {
  en: {
    pageTitle: 'Activate your plan',
    header: 'Bango · plan activation',
    sandbox: '(sandbox)',
    why: (brand: string) =>
      `Bango runs sign-up for OpenTV, where ${brand} streams. You already paid in the store: nothing is charged here.`,
    invalidTitle: 'Link not valid',
    activeTitle: 'Your plan is active',
    activateTitle: (product: string | null) => `Activate ${product ?? 'your plan'}`,
    service: 'Service',
    product: 'Product',
    status: 'Status',
    statuses: { PENDING: 'Waiting for activation', ACTIVE: 'Active' } as Record<string, string>,
    confirm: (brand: string) => `Confirm to turn on your ${brand} plan.`,
    activate: 'Activate',
    told: 'The store has been told your plan is active.',
    willTell: 'The store will be told shortly that your plan is active.',
    back: (brand: string) => `Back to ${brand}`,
    errors: {
      expired: 'This activation link has expired. Open your order in the store for a new one.',
      not_pending: 'This plan can no longer be activated.',
      not_found: 'This activation link is not valid.',
    } as Record<string, string>,
  },
  fr: {
    pageTitle: 'Activer votre forfait',
    header: 'Bango · activation du forfait',
    sandbox: '(bac à sable)',
    why: (brand: string) =>
      `Bango gère l’inscription à OpenTV, la plateforme de ${brand}. Vous avez déjà payé dans la boutique : rien n’est facturé ici.`,
    invalidTitle: 'Lien non valide',
    activeTitle: 'Votre forfait est actif',
    activateTitle: (product: string | null) => `Activer ${product ?? 'votre forfait'}`,
    service: 'Service',
    product: 'Produit',
    status: 'Statut',
    statuses: { PENDING: 'En attente d’activation', ACTIVE: 'Actif' } as Record<string, string>,
    confirm: (brand: string) => `Confirmez pour activer votre forfait ${brand}.`,
    activate: 'Activer',
    told: 'La boutique a été avisée que votre forfait est actif.',
    willTell: 'La boutique sera avisée sous peu que votre forfait est actif.',
    back: (brand: string) => `Retour à ${brand}`,
    errors: {
      expired: 'Ce lien d’activation a expiré. Ouvrez votre commande dans la boutique pour en obtenir un nouveau.',
      not_pending: 'Ce forfait ne peut plus être activé.',
      not_found: 'Ce lien d’activation n’est pas valide.',
    } as Record<string, string>,
  },
} satisfies Record<ActivationLang, unknown>;

/** The page's own address with the store's `lang` and `return` kept (after the Activate button). */
export function activationPageUrl(token: string, q: { lang: ActivationLang; return?: string; error?: string }): string {
  const params = new URLSearchParams();
  if (q.lang !== 'en') params.set('lang', q.lang);
  if (q.return) params.set('return', q.return);
  if (q.error) params.set('error', q.error);
  const query = params.toString();
  return `/sandbox/opentv/activate/${token}${query ? `?${query}` : ''}`;
}
