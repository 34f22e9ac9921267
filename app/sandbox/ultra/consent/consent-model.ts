import type { SheetMessages } from './messages';

/** A sandbox customer as the sheet shows them (app/sandbox/ultra/consent/page.tsx builds these). */
export interface SheetPersona {
  id: string;
  label: string;
  summary: string;
  name: string | null;
  mobile: { mobileNumber: string; isVerified: boolean };
  email: { email: string; isVerified: boolean } | null;
  deniesScopes: string[];
}

export interface SheetScope {
  scope: string;
  mandatory: boolean;
}

/** What sharing a scope would hand over, for the persona shown. */
export function scopeValue(m: SheetMessages, persona: SheetPersona, scope: string): string {
  const verified = (ok: boolean) => ` · ${ok ? m.verified : m.notVerified}`;
  switch (scope) {
    case 'user.mobile':
      return `${persona.mobile.mobileNumber}${verified(persona.mobile.isVerified)}`;
    case 'user.email':
      return persona.email ? `${persona.email.email}${verified(persona.email.isVerified)}` : m.notOnFile;
    case 'user.name':
      return persona.name ?? m.notOnFile;
    default:
      return m.notShared;
  }
}

/** "needs access to your Communication Details and Name" (docs/partners/ultra.md#scope-shapes, the permission sheet's wording). */
export function headline(m: SheetMessages, appName: string, scopes: SheetScope[]): string {
  const parts: string[] = [];
  if (scopes.some((s) => s.scope === 'user.mobile' || s.scope === 'user.email')) parts.push(m.communication);
  if (scopes.some((s) => s.scope === 'user.name')) parts.push(m.name);
  const other = scopes.filter((s) => !m.scopes[s.scope]).length;
  if (other) parts.push(other === 1 ? m.oneMore : m.more(other));
  return m.headline(appName, parts.join(m.and));
}

/** The switches' starting positions: mandatory scopes on, and what this persona refuses off. */
export function defaultsFor(persona: SheetPersona | undefined, scopes: SheetScope[]): Record<string, boolean> {
  return Object.fromEntries(scopes.map((s) => [s.scope, s.mandatory || !persona?.deniesScopes.includes(s.scope)]));
}
