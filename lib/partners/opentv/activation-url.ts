/**
 * OpenTV's activation link is rendered as a link the customer follows (docs/partners/opentv.md#activation):
 * https only, so a partner answer can never put a `data:`, `javascript:` or app scheme behind our
 * "Activate" button. Plain http only on a loopback host (the sandbox on a laptop or in tests).
 * Anything else is dropped: the order page then offers no link, and the status poll carries on.
 */
export function safeActivationUrl(value: string | null | undefined): string | null {
  if (!value || !URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname)) return url.toString();
  return null;
}
