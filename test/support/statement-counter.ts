import { AsyncLocalStorage } from 'node:async_hooks';
import type { OpenDatabase } from '@/lib/db/open';

/** One statement an action sent: its text (shortened) and how long the database took. */
export interface Statement {
  text: string;
  ms: number;
}

type Query = (text: unknown, ...rest: unknown[]) => Promise<unknown>;
const seen = new AsyncLocalStorage<Statement[]>();
const WRAPPED = Symbol('statement-counter');

const textOf = (q: unknown) =>
  String(typeof q === 'string' ? q : ((q as { text?: string })?.text ?? q))
    .replace(/\s+/g, ' ')
    .slice(0, 160);

/** Wraps an object's `query` so each call made inside `countStatements` is recorded. */
function wrapQuery(target: { query: Query } & { [WRAPPED]?: true }): void {
  if (target[WRAPPED]) return;
  const query = target.query.bind(target);
  target.query = async (text, ...rest) => {
    const list = seen.getStore();
    const t0 = performance.now();
    try {
      return await query(text, ...rest);
    } finally {
      list?.push({ text: textOf(text), ms: performance.now() - t0 });
    }
  };
  target[WRAPPED] = true;
}

/**
 * Counts the statements the app sends to `open`'s database (PGlite or a node-postgres pool),
 * the transaction's BEGIN and COMMIT included, and times each. Only statements made inside
 * `countStatements`'s async context are recorded: the sandbox partners, served over HTTP by the
 * same process, write to the same database from their own request contexts, which are not ours.
 */
export function installStatementCounter(open: OpenDatabase): void {
  const client = (open.db as unknown as { $client: Record<string, unknown> }).$client;
  if (open.kind === 'pglite') {
    wrapQuery(client as { query: Query });
    const transaction = (client.transaction as (fn: (tx: unknown) => Promise<unknown>) => Promise<unknown>).bind(
      client,
    );
    client.transaction = (fn: (tx: { query: Query }) => Promise<unknown>) => {
      const list = seen.getStore();
      list?.push({ text: 'BEGIN', ms: 0 });
      return transaction(async (tx: unknown) => {
        wrapQuery(tx as { query: Query });
        return fn(tx as { query: Query });
      }).finally(() => list?.push({ text: 'COMMIT', ms: 0 }));
    };
    return;
  }
  wrapQuery(client as { query: Query });
  // Pool.query checks a client out with a callback; a transaction's (drizzle) with a promise.
  const connect = (client.connect as (cb?: unknown) => Promise<{ query: Query }> | undefined).bind(client);
  client.connect = (cb?: unknown) => {
    if (cb) return connect(cb);
    return connect()!.then((c) => {
      wrapQuery(c);
      return c;
    });
  };
}

/** Runs `fn`, recording the statements it (and nothing else) sends until it returns. */
export async function countStatements<T>(fn: () => Promise<T>): Promise<{ value: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const value = await seen.run(statements, fn);
  return { value, statements: [...statements] };
}
