import type { RawEnv } from './env-schema';

const PARTNER_URLS = ['ULTRA_PLATFORM_URL', 'ULTRA_OMS_URL', 'FLEXITI_BASE_URL', 'OPENTV_BASE_URL'] as const;
/** With the sandbox off nothing can be generated: these must come from the environment. */
const REQUIRED_WHEN_REAL = [
  'AUTH_SECRET',
  'ULTRA_CLIENT_SECRET',
  'ULTRA_PRIVATE_KEY',
  'FLEXITI_CLIENT_ID',
  'FLEXITI_CLIENT_SECRET',
  'OPENTV_CLIENT_ID',
  'OPENTV_TENANT_ID',
  'OPENTV_WEBHOOK_SECRET',
] as const;

/** Any variable naming a partner endpoint or credential: one of them given means "real partners". */
export const isPartnerSetting = (name: string) => /^(ULTRA|FLEXITI|OPENTV)_/.test(name);

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** What real partners need that `raw` lacks, one `NAME: why` line each. */
export function missingForReal(raw: RawEnv, why: string): string[] {
  const problems: string[] = [];
  for (const k of [...PARTNER_URLS, ...REQUIRED_WHEN_REAL]) if (!raw[k]) problems.push(`${k}: ${why}`);
  if ((raw.OPENTV_GRANT ?? 'password') === 'password') {
    for (const k of ['OPENTV_USERNAME', 'OPENTV_PASSWORD'] as const)
      if (!raw[k]) problems.push(`${k}: ${why} and OPENTV_GRANT=password`);
  } else if (!raw.OPENTV_CLIENT_SECRET) {
    problems.push(`OPENTV_CLIENT_SECRET: ${why} and OPENTV_GRANT=client_credentials`);
  }
  if (!raw.APP_URL) problems.push(`APP_URL: ${why} (the public https:// origin)`);
  else {
    const url = new URL(raw.APP_URL);
    if (url.protocol !== 'https:' && !LOOPBACK_HOSTS.test(url.hostname))
      problems.push('APP_URL: must be https:// when SANDBOX=off (http:// only for a loopback host)');
    // A public origin is served through proxies; which of them may write X-Forwarded-For decides
    // every per-address limit (docs/deploy.md#client-addresses). Loopback test runs need none.
    if (!LOOPBACK_HOSTS.test(url.hostname)) {
      if (!raw.TRUSTED_PROXIES)
        problems.push(
          `TRUSTED_PROXIES: ${why} with a public APP_URL (the number of proxies in front that append to X-Forwarded-For, e.g. 1, or their CIDR ranges)`,
        );
      else if (raw.TRUSTED_PROXIES.trim() === '0')
        problems.push(
          'TRUSTED_PROXIES: 0 believes any X-Forwarded-For a client sends; a public APP_URL is reached through proxies: give their number or CIDR ranges',
        );
    }
  }
  return problems;
}

/** Partner endpoints: with the sandbox on, each must be this app or another loopback host. */
const PARTNER_ENDPOINTS = [...PARTNER_URLS, 'OPENTV_TOKEN_URL', 'FLEXITI_WIDGET_ORIGIN'] as const;

/**
 * Why the sandbox must not start here (docs/deploy.md#sandbox-safety): it has a demo staff password,
 * "Reset" (truncates nearly every table) and persona sign-in, so it never comes up beside a
 * real partner endpoint, and beside a DATABASE_URL or a public APP_URL only with an explicit
 * SANDBOX_PUBLIC_DEMO=yes.
 */
export function sandboxProblems(raw: RawEnv): string[] {
  const problems: string[] = [];
  for (const k of PARTNER_ENDPOINTS) {
    const v = raw[k];
    if (v && !LOOPBACK_HOSTS.test(new URL(v).hostname))
      problems.push(
        `${k}: ${new URL(v).host} is a real partner endpoint, refused with the sandbox on (set SANDBOX=off for real partners, or leave it unset)`,
      );
  }
  if (raw.SANDBOX_PUBLIC_DEMO === 'yes') return problems;
  const optIn = 'set SANDBOX_PUBLIC_DEMO=yes only if this really is a public demo or a throwaway database';
  if (raw.DATABASE_URL)
    problems.push(
      `DATABASE_URL: the sandbox (demo staff password, Reset, persona sign-in) refuses to start on a PostgreSQL database that may hold production data; ${optIn}`,
    );
  if (raw.APP_URL && !LOOPBACK_HOSTS.test(new URL(raw.APP_URL).hostname))
    problems.push(
      `APP_URL: ${new URL(raw.APP_URL).host} is not a loopback host, and the sandbox (demo staff password, Reset, persona sign-in) refuses to start on a public address; ${optIn}`,
    );
  // The sandbox sends signed webhooks there and lets it frame the widget and the consent sheet.
  if (raw.SANDBOX_STORE_URL && !LOOPBACK_HOSTS.test(new URL(raw.SANDBOX_STORE_URL).hostname))
    problems.push(
      `SANDBOX_STORE_URL: ${new URL(raw.SANDBOX_STORE_URL).host} is not a loopback host; the sandbox serves a store elsewhere only as a public demo; ${optIn}`,
    );
  return problems;
}
