/**
 * `npm run partners:check` findings (docs/deploy.md#first-contact): one line each, `ok` / `warn` /
 * `FAIL`, the partner, what was checked and what was seen. Pure, so the wording is tested alone.
 */
import type { PartnerName } from '@/lib/partners/registry';

export type FindingLevel = 'ok' | 'warn' | 'FAIL';
export type FindingPartner = PartnerName;

export interface Finding {
  level: FindingLevel;
  partner: FindingPartner;
  what: string;
  detail: string;
}

export function formatFinding(f: Finding): string {
  return `${f.level.padEnd(4)}  ${f.partner.padEnd(8)}  ${f.what.padEnd(17)}  ${f.detail}`;
}

/** The last line: counts per level, and whether the store may open. */
export function summarize(findings: readonly Finding[]): { line: string; failed: boolean } {
  const count = (l: FindingLevel) => findings.filter((f) => f.level === l).length;
  const failed = count('FAIL') > 0;
  return {
    line: `partners:check: ${count('ok')} ok, ${count('warn')} warn, ${count('FAIL')} FAIL: ${
      failed ? 'fix every FAIL before opening the store' : 'first contact looks right'
    }`,
    failed,
  };
}

/** Node's TLS verification failures (undici passes them on as the cause's message). */
const TLS_FAILURE =
  /certificate|altnames|self[- ]signed|CERT_|ERR_TLS|SSL routines|unable to verify|unable to get (local )?issuer/i;

export function isTlsFailure(message: string): boolean {
  return TLS_FAILURE.test(message);
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The TLS finding of a call that got an answer or failed: an https URL whose certificate fails is
 * a FAIL; plain http is fine only on loopback (a test setup), a warning anywhere else.
 */
export function tlsFinding(partner: FindingPartner, url: string, error: string | null): Finding | null {
  const { protocol, hostname } = new URL(url);
  if (error !== null) {
    return isTlsFailure(error)
      ? { level: 'FAIL', partner, what: 'TLS', detail: `certificate refused for ${hostname}: ${error}` }
      : null;
  }
  if (protocol === 'https:') return { level: 'ok', partner, what: 'TLS', detail: `certificate valid for ${hostname}` };
  if (LOOPBACK.test(hostname))
    return { level: 'ok', partner, what: 'TLS', detail: `plain http on loopback (a test setup)` };
  return { level: 'warn', partner, what: 'TLS', detail: `plain http to ${hostname}: real partners are https` };
}

/**
 * Our clock against the partner's `Date` header (whole seconds, floored). `secureToken`'s `iat` is
 * our time: if we are ahead, the partner sees it in the future and refuses every call
 * (docs/partners/ultra.md#secure-token-claims "iat should be in past"). `ourMs` is our clock at
 * the middle of the request; half the round trip is the uncertainty.
 */
export function clockFinding(
  partner: FindingPartner,
  dateHeader: string | null,
  ourMs: number,
  rttMs: number,
  opts: { tokenLifetimeS?: number } = {},
): Finding {
  const theirMs = dateHeader ? Date.parse(dateHeader) : NaN;
  if (!Number.isFinite(theirMs))
    return { level: 'warn', partner, what: 'clock', detail: 'no Date header in the answer: cannot compare clocks' };
  // The header floors to the second: their time was somewhere in [date, date + 1 s).
  const aheadMs = ourMs - (theirMs + 500);
  const slackMs = 500 + rttMs / 2;
  const s = (ms: number) => `${(Math.abs(ms) / 1000).toFixed(1)} s`;
  if (aheadMs > 1_000 + slackMs)
    return {
      level: 'FAIL',
      partner,
      what: 'clock',
      detail: `our clock is ${s(aheadMs)} ahead of theirs: a secureToken iat would be in the future for them; sync NTP`,
    };
  const lifetimeMs = (opts.tokenLifetimeS ?? 300) * 1000;
  if (-aheadMs > lifetimeMs / 2)
    return {
      level: 'FAIL',
      partner,
      what: 'clock',
      detail: `our clock is ${s(aheadMs)} behind theirs: our tokens would look (nearly) expired to them; sync NTP`,
    };
  if (Math.abs(aheadMs) > 2_000 + slackMs)
    return {
      level: 'warn',
      partner,
      what: 'clock',
      detail: `our clock is ${s(aheadMs)} behind theirs (Date: ${dateHeader})`,
    };
  return {
    level: 'ok',
    partner,
    what: 'clock',
    detail: `within ${s(Math.max(Math.abs(aheadMs), slackMs))} of their Date header${
      partner === 'ultra' || partner === 'oms' ? ": a secureToken's iat is in their past" : ''
    }`,
  };
}
