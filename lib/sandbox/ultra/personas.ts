import { createHash } from 'node:crypto';

/**
 * The Flipkart sandbox's customers. Each one shows a path QA and sales need, and carries the
 * OpenTV account the OpenTV sandbox seeds for them.
 */
/**
 * The persona the sandbox consent sheet starts on (set by the demo tour, so the sheet opens on the
 * persona being played; any persona can still be picked). Sandbox mode only.
 */
export const SHEET_PERSONA_COOKIE = 'sandbox_sheet_persona';

export interface Persona {
  id: string;
  label: string;
  summary: string;
  name: { firstName: string; lastName: string } | null;
  mobile: { mobileNumber: string; isVerified: boolean };
  email: { email: string; isVerified: boolean } | null;
  /** Scopes the persona's consent sheet leaves unticked (the denied-scope demo). */
  deniesScopes: string[];
  opentvAccountId: string;
}

export const PERSONAS: readonly Persona[] = [
  {
    id: 'priya',
    label: 'Priya Sharma',
    summary: 'Verified mobile and email: the happy path.',
    name: { firstName: 'Priya', lastName: 'Sharma' },
    mobile: { mobileNumber: '9876543210', isVerified: true },
    email: { email: 'priya.sharma@example.com', isVerified: true },
    deniesScopes: [],
    opentvAccountId: 'acct-priya-0001',
  },
  {
    id: 'arjun',
    label: 'Arjun Mehta',
    summary: 'Email on file but not verified.',
    name: { firstName: 'Arjun', lastName: 'Mehta' },
    mobile: { mobileNumber: '9123456780', isVerified: true },
    email: { email: 'arjun.mehta@example.com', isVerified: false },
    deniesScopes: [],
    opentvAccountId: 'acct-arjun-0002',
  },
  {
    id: 'sam',
    label: 'No name on file',
    summary: 'Flipkart has no name for this customer.',
    name: null,
    mobile: { mobileNumber: '9988776655', isVerified: true },
    email: { email: 'sam.k@example.com', isVerified: true },
    deniesScopes: [],
    opentvAccountId: 'acct-sam-0003',
  },
  {
    id: 'kavya',
    label: 'Kavya Iyer',
    summary: 'Denies the email permission (demo of a denied scope).',
    name: { firstName: 'Kavya', lastName: 'Iyer' },
    mobile: { mobileNumber: '9000011111', isVerified: true },
    email: { email: 'kavya.iyer@example.com', isVerified: true },
    deniesScopes: ['user.email'],
    opentvAccountId: 'acct-kavya-0004',
  },
];

export function findPersona(id: string): Persona | undefined {
  return PERSONAS.find((p) => p.id === id);
}

/**
 * docs/partners/ultra.md#identity-token: `IDTKN` + 32 upper-case hex + 3 upper-case letters (40 chars),
 * deterministic per (merchant, user); it changes only when the user's mobile number changes.
 */
export function identityTokenFor(merchantId: string, persona: Pick<Persona, 'id' | 'mobile'>): string {
  const digest = createHash('sha256').update(`${merchantId}:${persona.id}:${persona.mobile.mobileNumber}`).digest();
  const hex = digest.subarray(0, 16).toString('hex').toUpperCase();
  const letters = Array.from(digest.subarray(16, 19), (b) => String.fromCharCode(65 + (b % 26))).join('');
  return `IDTKN${hex}${letters}`;
}

export function findPersonaByIdentityToken(merchantId: string, identityToken: string): Persona | undefined {
  return PERSONAS.find((p) => identityTokenFor(merchantId, p) === identityToken);
}
