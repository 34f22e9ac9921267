import { createHash } from 'node:crypto';
import type { DbOrTx } from '@/lib/db/open';
import { sandboxOpentvAccounts } from '@/lib/db/schema';
import { PERSONAS } from '@/lib/sandbox/ultra/personas';

/** A stable 10-digit account number per account id (OPF's `accountNumber`, docs/partners/opentv.md#accounts). */
export function accountNumberFor(id: string): string {
  const n = BigInt(`0x${createHash('sha256').update(id).digest('hex').slice(0, 12)}`) % 10_000_000_000n;
  return String(n).padStart(10, '0');
}

/** The seeded accounts: every Flipkart sandbox persona has an OpenTV account from the start. */
export function openTvSeedRows() {
  return PERSONAS.map((p) => ({
    id: p.opentvAccountId,
    signonId: p.email?.email ?? `${p.id}@sandbox.invalid`,
    accountProfileId: 'default',
    accountNumber: accountNumberFor(p.opentvAccountId),
    pvrStatus: 'DISABLED',
    billingAddress: [],
  }));
}

/** Inserts the seeded accounts that are missing. Idempotent. */
export async function seedOpenTvSandbox(db: DbOrTx): Promise<void> {
  await db.insert(sandboxOpentvAccounts).values(openTvSeedRows()).onConflictDoNothing();
}
