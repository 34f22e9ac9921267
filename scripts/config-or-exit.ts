import { getConfig, isConfigError, type AppConfig } from '@/lib/config';

/** For command-line entry points: the validated config, or one line per bad variable and exit 1. */
export function configOrExit(): AppConfig {
  try {
    return getConfig();
  } catch (e) {
    if (!isConfigError(e)) throw e;
    for (const line of e.problems) console.error(line);
    process.exit(1);
  }
}
