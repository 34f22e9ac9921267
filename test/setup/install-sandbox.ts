import { parseEnv } from '@/lib/config-schema';
import { installSandbox } from '@/lib/sandbox/install';

/**
 * Vitest setup (vitest.config.mts): the sandbox's hooks, as the app's start-up installs them
 * (lib/server-start.ts), so tests of the core get the sandbox clock, seed and personas without
 * importing lib/sandbox. Reads the environment without caching a config: test files may still
 * change it before their first getConfig().
 */
installSandbox({ sandbox: parseEnv(process.env).SANDBOX === 'on' });
