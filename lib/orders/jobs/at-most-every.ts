/**
 * A worker-tick check that runs at most once per `everyMs` per process (the tick comes about
 * once a second; sweeps need far less). The last run is kept on globalThis under `key`, so the
 * bundles of one server share it.
 */
export function atMostEvery(key: string, everyMs: number, run: () => Promise<unknown>): () => Promise<void> {
  const g = globalThis as unknown as Record<string, number | undefined>;
  const slot = `__tick_${key}`;
  return async () => {
    if (Date.now() - (g[slot] ?? 0) < everyMs) return;
    g[slot] = Date.now();
    await run();
  };
}
