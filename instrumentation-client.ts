/**
 * Runs in the browser before the app (Next's client instrumentation hook). zod 4 probes whether it
 * may compile validators with `new Function` the first time a schema parses, which under our
 * script policy (no 'unsafe-eval') is refused and reported as a CSP violation on every page that
 * validates in the browser (checkout, the sandbox widget). Its interpreted mode is fast enough for
 * a form; saying so up front skips the probe. Set on the global zod reads its config from, so no
 * zod is loaded here (this file is on every page).
 */
const g = globalThis as unknown as { __zod_globalConfig?: { jitless?: boolean } };
g.__zod_globalConfig = { ...g.__zod_globalConfig, jitless: true };
