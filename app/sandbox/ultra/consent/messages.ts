/**
 * The sandbox Flipkart permission sheet's words, English and French. Flipkart's own sheet speaks
 * the app's language; the simulated bridge passes the store page's `lang` (lib/sandbox/ultra/bridge.ts).
 */
export type SheetLang = 'en' | 'fr';

export const SHEET_MESSAGES = {
  en: {
    pageTitle: 'Flipkart permissions (sandbox)',
    sandbox: 'Sandbox',
    close: 'Close',
    customer: 'Signed-in Flipkart customer',
    personaHelp: 'Sandbox personas stand in for the customer signed in to the Flipkart app.',
    scopes: { 'user.mobile': 'Mobile number', 'user.email': 'Email address', 'user.name': 'Name' } as Record<
      string,
      string
    >,
    verified: 'verified',
    notVerified: 'not verified',
    notOnFile: 'Not on file',
    notShared: 'Not shared by the sandbox',
    communication: 'Communication Details',
    name: 'Name',
    oneMore: 'one more detail',
    more: (n: number) => `${n} more details`,
    and: ' and ',
    headline: (app: string, parts: string) => `${app} needs access to your ${parts}`,
    share: (label: string) => `Share ${label.toLowerCase()}`,
    never: 'Your card and bank details are never shared.',
    failed: 'Flipkart could not save your answer. Please try again.',
    deny: 'Deny',
    allow: 'Allow',
    personas: {
      priya: { summary: 'Verified mobile and email: the happy path.' },
      arjun: { summary: 'Email on file but not verified.' },
      sam: { label: 'No name on file', summary: 'Flipkart has no name for this customer.' },
      kavya: { summary: 'Denies the email permission (demo of a denied scope).' },
    } as Record<string, { label?: string; summary: string }>,
  },
  fr: {
    pageTitle: 'Autorisations Flipkart (bac à sable)',
    sandbox: 'Bac à sable',
    close: 'Fermer',
    customer: 'Client Flipkart connecté',
    personaHelp: 'Les profils du bac à sable remplacent le client connecté à l’application Flipkart.',
    scopes: {
      'user.mobile': 'Numéro de cellulaire',
      'user.email': 'Adresse courriel',
      'user.name': 'Nom',
    } as Record<string, string>,
    verified: 'vérifié',
    notVerified: 'non vérifié',
    notOnFile: 'Aucun au dossier',
    notShared: 'Non transmis par le bac à sable',
    communication: 'vos coordonnées',
    name: 'votre nom',
    oneMore: 'un autre renseignement',
    more: (n: number) => `${n} autres renseignements`,
    and: ' et à ',
    headline: (app: string, parts: string) => `${app} demande l’accès à ${parts}`,
    share: (label: string) => `Partager : ${label.toLowerCase()}`,
    never: 'Vos données de carte et bancaires ne sont jamais transmises.',
    failed: 'Flipkart n’a pas pu enregistrer votre réponse. Veuillez réessayer.',
    deny: 'Refuser',
    allow: 'Autoriser',
    personas: {
      priya: { summary: 'Cellulaire et courriel vérifiés : le parcours sans embûche.' },
      arjun: { summary: 'Courriel au dossier, mais non vérifié.' },
      sam: { label: 'Aucun nom au dossier', summary: 'Flipkart n’a pas de nom pour ce client.' },
      kavya: { summary: 'Refuse l’accès au courriel (démo d’une autorisation refusée).' },
    } as Record<string, { label?: string; summary: string }>,
  },
} satisfies Record<SheetLang, unknown>;

export type SheetMessages = (typeof SHEET_MESSAGES)[SheetLang];

export const sheetLang = (v: string | undefined): SheetLang => (v?.toLowerCase().startsWith('fr') ? 'fr' : 'en');
