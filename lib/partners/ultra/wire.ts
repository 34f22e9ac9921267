import { z } from 'zod';

/**
 * Ultra platform wire shapes (docs/partners/ultra.md#sso) and their translation into the app's
 * own types. Nothing outside `lib/partners/ultra/` sees these field names.
 */

/** docs/partners/ultra.md#envelope: `{"STATUS": 200, "RESPONSE": …}`; STATUS is compared as a number but typed String in Java. */
export const envelope = z.object({
  STATUS: z.union([z.number(), z.string()]).transform((v) => Number(v)),
  RESPONSE: z.unknown(),
});

/**
 * docs/partners/ultra.md#answer-styles: Flipkart's platform page writes its answers bare (`AuthTokenResponse
 * {identityToken, accessToken}`, a `Map<String,Object>`, a plain HTTP 200), its code samples wrap them in the
 * envelope. An answer is `envelope` when it is a JSON object holding both `STATUS` and `RESPONSE`; anything else
 * (a bare object, text, an empty body) is `bare`. No bare answer of the platform has those two keys: the token
 * answer has `identityToken`/`accessToken`, the resource map is keyed by scope (`user.mobile`, …).
 */
export type UltraAnswerStyle = 'bare' | 'envelope';

export function detectAnswerStyle(body: unknown): UltraAnswerStyle {
  return body && typeof body === 'object' && !Array.isArray(body) && 'STATUS' in body && 'RESPONSE' in body
    ? 'envelope'
    : 'bare';
}

export const authTokenResponse = z.object({
  identityToken: z.string().regex(/^IDTKN[0-9A-Za-z]+$/, 'must be an IDTKN… identity token'),
  accessToken: z.string().min(1),
});

/** The scopes the storefront asks for (docs/partners/ultra.md#scope-shapes); other scope strings are not relied upon (docs/partners/ultra.md#scope-shapes). */
export const ULTRA_SCOPES = ['user.mobile', 'user.email', 'user.name'] as const;

export interface UltraProfile {
  mobile: { number: string; verified: boolean } | null;
  email: { address: string; verified: boolean } | null;
  name: { first: string; last: string } | null;
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const asText = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const asFlag = (v: unknown): boolean => v === true || v === 'true';

/**
 * docs/partners/ultra.md#scope-shapes: the docs swap the field names of `user.mobile` and `user.email`; the demos use
 * `mobileNumber` for the mobile and `email` for the email. Accept either layout (pick the value
 * that looks like an email address for `user.email`, the other one for `user.mobile`) and
 * tolerate a missing key or `null`.
 */
export function parseProfile(response: unknown): UltraProfile {
  const r = asObject(response) ?? {};
  const candidates = (o: Record<string, unknown>) =>
    [o.mobileNumber, o.email, o.mobile].map(asText).filter((v): v is string => v !== null);

  const m = asObject(r['user.mobile']);
  const mobileNumber = m ? (candidates(m).find((v) => !v.includes('@')) ?? null) : null;
  const e = asObject(r['user.email']);
  const emailAddress = e ? (candidates(e).find((v) => v.includes('@')) ?? null) : null;
  const n = asObject(r['user.name']);
  const first = n ? asText(n.firstName) : null;
  const last = n ? asText(n.lastName) : null;

  return {
    mobile: m && mobileNumber ? { number: mobileNumber, verified: asFlag(m.isVerified) } : null,
    email: e && emailAddress ? { address: emailAddress, verified: asFlag(e.isVerified) } : null,
    name: first || last ? { first: first ?? '', last: last ?? '' } : null,
  };
}
