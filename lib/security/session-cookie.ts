/**
 * Auth.js's session cookie (`__Secure-` over https; `.0`, `.1`… when a large token is split). Here,
 * not in lib/auth, so proxy.ts can tell a signed-in request from a signed-out one without loading
 * Auth.js or the database.
 */
export const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
