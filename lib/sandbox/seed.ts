import type { Db } from '@/lib/db/open';
import { seedFlexitiSandbox } from './flexiti/accounts';
import { seedOpenTvSandbox } from './opentv/seed';
import { seedOmsSandbox } from './ultra/oms-store';

/**
 * Seeds every partner sandbox's fixed data (personas, Flexiti accounts, OpenTV accounts).
 * Each partner adds its idempotent seed function here.
 */
export async function seedSandboxes(db: Db): Promise<void> {
  void db;
  await seedFlexitiSandbox(db);
  await seedOpenTvSandbox(db);
  await seedOmsSandbox(db);
}
