import 'server-only';

/**
 * The one way partner clients are kept: one instance per client name per server process, built on
 * first use and rebuilt when its configuration key changes (tests switch configs), so a client's
 * token cache is shared by every call. On globalThis because Next bundles instrumentation and
 * route handlers separately and both must use the same instance.
 */
type Entry = { key: string; client: unknown };
const g = globalThis as unknown as { __partnerClients?: Map<string, Entry> };
const clients = (g.__partnerClients ??= new Map<string, Entry>());

export function cachedClient<T>(name: string, key: string, create: () => T): T {
  const entry = clients.get(name);
  if (entry && entry.key === key) return entry.client as T;
  const client = create();
  clients.set(name, { key, client });
  return client;
}

/**
 * Drops every cached client, so the next call builds a fresh one with fresh tokens (e.g. after a
 * sandbox reset made the partner forget the tokens it issued).
 */
export function resetPartnerClients(): void {
  clients.clear();
}
