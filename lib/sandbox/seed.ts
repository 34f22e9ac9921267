import type { Db } from '@/lib/db/open';
import { SANDBOX_FLEXITI_ACCOUNTS, seedFlexitiSandbox } from './flexiti/accounts';
import { openTvSeedRows, seedOpenTvSandbox } from './opentv/seed';
import { OMS_FAULT_PARTNER, OMS_SETTINGS_ID, seedOmsSandbox } from './ultra/oms-store';

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

/**
 * What seedSandboxes writes, as data: an open that finds the digest of the same data skips the
 * seed (lib/db/seed.ts). A partner that adds to seedSandboxes adds its rows here too.
 */
export function sandboxSeedData(): unknown {
  return {
    flexiti: SANDBOX_FLEXITI_ACCOUNTS,
    opentv: openTvSeedRows(),
    oms: { settings: OMS_SETTINGS_ID, faults: OMS_FAULT_PARTNER },
  };
}
