import { ConfigError } from './app-config';
import { envSchema, type RawEnv } from './env-schema';
import { isPartnerSetting, missingForReal, sandboxProblems } from './safety';

/**
 * Validates the raw environment: one message per bad variable, `NAME: what is expected`.
 * Fails closed (docs: README "Configuration"): the sandbox is on only with `SANDBOX=on` or when no
 * partner setting at all is given; any partner setting without `SANDBOX=on` means real partners,
 * and then every partner URL and secret, and an https `APP_URL`, must be there.
 */
export function parseEnv(env: Record<string, string | undefined>): RawEnv {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`));
  }
  const raw = result.data;
  const partnerSettings = Object.keys(raw).filter((k) => isPartnerSetting(k) && raw[k as keyof RawEnv] !== undefined);
  const sandbox = raw.SANDBOX ?? (partnerSettings.length === 0 ? 'on' : 'off');
  if (sandbox === 'on') {
    const problems = sandboxProblems(raw);
    if (problems.length) throw new ConfigError(problems);
  }
  if (sandbox === 'off') {
    const why = raw.SANDBOX ? 'required when SANDBOX=off' : 'required for real partners';
    const problems = missingForReal(raw, why);
    if (problems.length && !raw.SANDBOX)
      problems.unshift(
        `SANDBOX: unset while partner settings are given (${partnerSettings.join(', ')}), so real partners are used; set SANDBOX=on for the sandbox`,
      );
    if (problems.length) throw new ConfigError(problems);
  }
  return { ...raw, SANDBOX: sandbox };
}
