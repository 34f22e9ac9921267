import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries of eslint.config.mjs (docs/architecture.md#boundaries) fire on deliberate
 * violations and stay quiet on the allowed spellings: each case lints a small in-memory file at a
 * path where the rule applies.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function rulesFiring(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

const BOUNDARY = 'no-restricted-imports';
const CLIENT = 'boundaries/no-server-in-client';
const LAYERS = 'boundaries/layers';

// eslint-disable-next-line max-lines-per-function -- a describe block: one case per lint rule, sharing one ESLint instance
describe('boundaries (eslint.config.mjs)', { timeout: 120_000 }, () => {
  it("fails on a partner's internals imported from outside its folder, by alias or relative path", async () => {
    expect(
      await rulesFiring(
        'lib/orders/probe.ts',
        "export { FlexitiClient } from '@/lib/partners/flexiti/client';\nimport '@/lib/partners/flexiti/client';\n",
      ),
    ).toContain(BOUNDARY);
    expect(
      await rulesFiring(
        'lib/ops/probe.ts',
        "import { KeycloakTokenCache } from '../partners/opentv/token-cache';\nvoid KeycloakTokenCache;\n",
      ),
    ).toContain(BOUNDARY);
    expect(
      await rulesFiring(
        'lib/partners/flexiti/probe.ts',
        "import { secureToken } from '../ultra/signer';\nvoid secureToken;\n",
      ),
    ).toContain(BOUNDARY);
    expect(
      await rulesFiring(
        'components/probe.tsx',
        "import { signWebhook } from '@/lib/partners/opentv/webhook';\nvoid signWebhook;\n",
      ),
    ).toContain(BOUNDARY);
  });

  it('fails on a relative path into a partner folder from the shared files beside them', async () => {
    expect(
      await rulesFiring(
        'lib/partners/probe.ts',
        "import { FlexitiError } from './flexiti/errors';\nvoid FlexitiError;\n",
      ),
    ).toContain(BOUNDARY);
  });

  it('allows the doors, and a partner its own files', async () => {
    expect(
      await rulesFiring(
        'lib/orders/probe.ts',
        "import { flexitiClient } from '@/lib/partners/flexiti';\nvoid flexitiClient;\n",
      ),
    ).toEqual([]);
    expect(
      await rulesFiring(
        'lib/partners/flexiti/probe.ts',
        "import { FlexitiClient } from './client';\nvoid FlexitiClient;\n",
      ),
    ).toEqual([]);
  });

  it('fails when the core imports lib/sandbox', async () => {
    for (const dir of ['orders', 'outbox', 'db', 'partners', 'auth']) {
      expect(
        await rulesFiring(
          `lib/${dir}/probe.ts`,
          "import { PERSONAS } from '@/lib/sandbox/ultra/personas';\nvoid PERSONAS;\n",
        ),
      ).toContain(BOUNDARY);
    }
    expect(
      await rulesFiring('lib/db/probe.ts', "import { seedSandboxes } from '../sandbox/seed';\nvoid seedSandboxes;\n"),
    ).toContain(BOUNDARY);
    // Beside the core, the sandbox's own installer is where it plugs in.
    expect(
      await rulesFiring(
        'lib/server-probe.ts',
        "import { installSandbox } from '@/lib/sandbox/install';\nvoid installSandbox;\n",
      ),
    ).toEqual([]);
  });

  it('fails when app/ queries drizzle directly', async () => {
    expect(await rulesFiring('app/probe/page.tsx', "import { sql } from 'drizzle-orm';\nvoid sql;\n")).toContain(
      BOUNDARY,
    );
    expect(
      await rulesFiring('app/probe/page.tsx', "import { products } from '@/lib/db/schema';\nvoid products;\n"),
    ).toContain(BOUNDARY);
  });

  it("fails when a 'use client' file imports server-only code, by name or by the module's own `import 'server-only'`", async () => {
    const client = (line: string) => `'use client';\n${line}\nexport const probe = 1;\n`;
    expect(await rulesFiring('components/probe.tsx', client("import { getDb } from '@/lib/db/client';"))).toContain(
      CLIENT,
    );
    expect(await rulesFiring('components/probe.tsx', client("import 'server-only';"))).toContain(CLIENT);
    expect(
      await rulesFiring('components/probe.tsx', client("import { flexitiClient } from '@/lib/partners/flexiti';")),
    ).toContain(CLIENT);
    // lib/ops/queries.ts declares `import 'server-only'`: caught without being listed.
    expect(
      await rulesFiring('components/probe.tsx', client("import { listOrdersForOps } from '@/lib/ops/queries';")),
    ).toContain(CLIENT);
    expect(await rulesFiring('app/probe/form.tsx', client("const m = import('@/lib/outbox/run');"))).toContain(CLIENT);
  });

  it("allows a 'use client' file isomorphic modules, browser doors, server actions and type-only imports", async () => {
    const client = (line: string) => `'use client';\n${line}\nexport const probe = 1;\n`;
    expect(
      await rulesFiring(
        'components/probe.tsx',
        client("import { parseWidgetHeight } from '@/lib/partners/flexiti/browser';\nvoid parseWidgetHeight;"),
      ),
    ).toEqual([]);
    expect(
      await rulesFiring(
        'components/probe.tsx',
        client("import { signOutOfStore } from '@/components/auth/actions';\nvoid signOutOfStore;"),
      ),
    ).toEqual([]);
    expect(
      await rulesFiring(
        'components/probe.tsx',
        client("import type { Db } from '@/lib/db/client';\nexport type P = Db;"),
      ),
    ).toEqual([]);
    // The same import in a server component is fine.
    expect(
      await rulesFiring(
        'components/probe.tsx',
        "import { listOrdersForOps } from '@/lib/ops/queries';\nvoid listOrdersForOps;\n",
      ),
    ).toEqual([]);
  });
  it('fails on an import up the layers (app → components → lib/ops, lib/auth → lib/orders → lib/outbox → lib/partners → lib/db → lib/config)', async () => {
    expect(
      await rulesFiring('components/probe.tsx', "import { metadata } from '@/app/layout';\nvoid metadata;\n"),
    ).toContain(LAYERS);
    expect(
      await rulesFiring(
        'lib/orders/probe.ts',
        "import { requireStaff } from '@/lib/ops/access';\nvoid requireStaff;\n",
      ),
    ).toContain(LAYERS);
    expect(
      await rulesFiring('lib/outbox/probe.ts', "import { cancelOrder } from '../orders';\nvoid cancelOrder;\n"),
    ).toContain(LAYERS);
    expect(
      await rulesFiring('lib/db/probe.ts', "import type { Order } from '@/lib/orders';\nexport type P = Order;\n"),
    ).toContain(LAYERS);
    expect(
      await rulesFiring('lib/partners/probe.ts', "import { enqueue } from '@/lib/outbox';\nvoid enqueue;\n"),
    ).toContain(LAYERS);
    // Down the layers is the normal direction.
    expect(
      await rulesFiring('lib/orders/probe.ts', "import { enqueue } from '@/lib/outbox';\nvoid enqueue;\n"),
    ).toEqual([]);
  });

  it('fails on a deep import into lib/orders or lib/outbox from outside: only their doors', async () => {
    expect(
      await rulesFiring('app/probe/page.tsx', "import { isPaid } from '@/lib/orders/state-machine';\nvoid isPaid;\n"),
    ).toContain(LAYERS);
    expect(
      await rulesFiring(
        'lib/ops/probe.ts',
        "import { transitionOrder } from '../orders/transitions';\nvoid transitionOrder;\n",
      ),
    ).toContain(LAYERS);
    expect(
      await rulesFiring('lib/orders/probe.ts', "import { outboxNow } from '@/lib/outbox/clock';\nvoid outboxNow;\n"),
    ).toContain(LAYERS);
    expect(
      await rulesFiring(
        'scripts/probe.ts',
        "import { runOutboxBatch } from '@/lib/outbox/run';\nvoid runOutboxBatch;\n",
      ),
    ).toContain(LAYERS);
    // The doors, and a folder its own files.
    expect(await rulesFiring('app/probe/page.tsx', "import { isPaid } from '@/lib/orders';\nvoid isPaid;\n")).toEqual(
      [],
    );
    expect(
      await rulesFiring('components/probe.tsx', "import { isPaid } from '@/lib/orders/browser';\nvoid isPaid;\n"),
    ).toEqual([]);
    expect(
      await rulesFiring('lib/orders/cancel/probe.ts', "import { isPaid } from '../state-machine';\nvoid isPaid;\n"),
    ).toEqual([]);
  });
});
