/**
 * Every partner, named once (docs/architecture.md#partners). Everything that lists partners derives
 * from this constant: the lint boundaries (eslint.config.mjs, which loads this file through jiti),
 * the call log's `partner` column (lib/db/schema/integration-calls.ts), `PartnerError.partner` and
 * `partnerFetch`'s partner (lib/partners/errors.ts, http.ts), the sandbox's mounts and controls
 * (lib/sandbox/index.ts, controls.ts, fault-queue.ts), the health page (lib/ops/health.ts) and the
 * order diagram's lanes (lib/ops/sequence-diagram.ts).
 *
 * Plain data, no import: isomorphic code, the server, the sandbox and ESLint all read it.
 *
 * - the key is the partner's folder: `lib/partners/<key>/` (doors `index.ts`, `browser.ts`), fenced by lint;
 * - `services`: the name of each service the partner runs as written in the call log
 *   (`integration_calls.partner`, `PartnerError.partner`), with
 *   - `label`: how the console names it (sandbox controls, /ops/health);
 *   - `sandbox`: where its simulator answers, `/sandbox/<mount>/...`; `paths`: only the requests
 *     whose path matches (another service shares the mount); `controls: 'dispatch'` when the
 *     sandbox router applies its console controls (latency, error rate, forced error), `'own'`
 *     when its simulator reads them itself; null: no simulator;
 *   - `health`: what /ops/health checks for it (the check itself is the door's), null: nothing;
 * - `lane`: its lane on the order's sequence diagram (several partners may share one), null: none.
 */
export const PARTNERS = {
  ultra: {
    label: 'Flipkart Ultra',
    services: {
      ultra: {
        label: 'Flipkart Ultra platform (SSO)',
        sandbox: { mount: 'ultra/platform', controls: 'dispatch' },
        health: 'GET /1/dummy with our secureToken',
      },
      oms: {
        label: 'Flipkart OMS',
        sandbox: { mount: 'ultra/oms', controls: 'own' },
        health: 'none: OMS has no read-only endpoint; it uses the same secureToken as /1/dummy',
      },
    },
    lane: { id: 'flipkart', label: 'Flipkart' },
  },
  flexiti: {
    label: 'Flexiti',
    services: {
      flexiti: {
        label: 'Flexiti POS API',
        sandbox: { mount: 'flexiti', controls: 'dispatch' },
        health: 'fresh merchant token (client_credentials)',
      },
    },
    lane: { id: 'flexiti', label: 'Flexiti' },
  },
  opentv: {
    label: 'OpenTV',
    services: {
      opentv: {
        label: 'OpenTV operator APIs',
        sandbox: { mount: 'opentv', controls: 'own' },
        health: 'tenant read: GET /crm-gateway/v1/rmg/v1/entitlements (THIRDPARTY, limit 1)',
      },
      keycloak: {
        label: 'OpenTV Keycloak (token)',
        sandbox: { mount: 'opentv', paths: /\/protocol\/openid-connect\/token$/, controls: 'own' },
        health: 'fresh operator token (OPENTV_GRANT)',
      },
    },
    lane: { id: 'opentv', label: 'OpenTV' },
  },
} as const satisfies Record<string, PartnerEntry>;

interface PartnerEntry {
  label: string;
  services: Record<
    string,
    {
      label: string;
      sandbox: { mount: string; paths?: RegExp; controls: 'dispatch' | 'own' } | null;
      health: string | null;
    }
  >;
  lane: { id: string; label: string } | null;
}

type Partners = typeof PARTNERS;
/** A partner's folder name: `lib/partners/<PartnerFolder>`. */
export type PartnerFolder = keyof Partners;
/** A name in the call log (`integration_calls.partner`) and on `PartnerError.partner`. */
export type PartnerName = { [P in PartnerFolder]: keyof Partners[P]['services'] }[PartnerFolder];
type ServiceEntry = PartnerEntry['services'][string];
/** The call-log names that have a sandbox simulator (the sandbox controls' partners). */
export type SandboxedPartnerName = {
  [P in PartnerFolder]: {
    [S in keyof Partners[P]['services']]: Partners[P]['services'][S] extends { sandbox: object } ? S : never;
  }[keyof Partners[P]['services']];
}[PartnerFolder];
/** The call-log names /ops/health lists (their `health` is not null). */
export type HealthListedName = {
  [P in PartnerFolder]: {
    [S in keyof Partners[P]['services']]: Partners[P]['services'][S] extends { health: string } ? S : never;
  }[keyof Partners[P]['services']];
}[PartnerFolder];
/** A sandbox mount of a partner's simulator: `/sandbox/<SandboxMount>/...`. */
export type SandboxMount = {
  [P in PartnerFolder]: {
    [S in keyof Partners[P]['services']]: Partners[P]['services'][S] extends { sandbox: { mount: infer M } }
      ? M
      : never;
  }[keyof Partners[P]['services']];
}[PartnerFolder];
/** The diagram's lanes for partners. */
export type PartnerLaneId = {
  [P in PartnerFolder]: Partners[P]['lane'] extends { id: infer I } ? I : never;
}[PartnerFolder];

export const PARTNER_FOLDERS = Object.keys(PARTNERS) as PartnerFolder[];

export interface PartnerService {
  name: PartnerName;
  folder: PartnerFolder;
  label: string;
  sandbox: ServiceEntry['sandbox'];
  health: string | null;
  lane: PartnerLaneId | null;
}

/** Every service of every partner, in the registry's order. */
export const PARTNER_SERVICES: readonly PartnerService[] = PARTNER_FOLDERS.flatMap((folder) => {
  const partner: PartnerEntry = PARTNERS[folder];
  return Object.entries(partner.services).map(([name, s]) => ({
    name: name as PartnerName,
    folder,
    label: s.label,
    sandbox: s.sandbox,
    health: s.health,
    lane: (partner.lane?.id ?? null) as PartnerLaneId | null,
  }));
});

/** The call log's names, as a non-empty tuple (what a drizzle text enum or `z.enum` takes). */
export const PARTNER_NAMES = PARTNER_SERVICES.map((s) => s.name) as [PartnerName, ...PartnerName[]];

/** The call-log names with a sandbox simulator, in the registry's order. */
export const SANDBOXED_PARTNER_NAMES = PARTNER_SERVICES.filter((s) => s.sandbox).map((s) => s.name) as [
  SandboxedPartnerName,
  ...SandboxedPartnerName[],
];

/** The partner lanes of the order diagram, each once, in the registry's order. */
export const PARTNER_LANES = PARTNER_FOLDERS.flatMap((folder) => {
  const lane = PARTNERS[folder].lane as PartnerEntry['lane'];
  return lane ? [lane as { id: PartnerLaneId; label: string }] : [];
}).filter((lane, i, all) => all.findIndex((l) => l.id === lane.id) === i);

/** The sandbox mounts (`/sandbox/<mount>/...`) of the partners' simulators, each once. */
export const PARTNER_SANDBOX_MOUNTS = [
  ...new Set(PARTNER_SERVICES.flatMap((s) => (s.sandbox ? [s.sandbox.mount] : []))),
] as string[];

/** Whose console controls a request to a sandbox mount falls under, by the registry's `sandbox` entries. */
export function serviceOfSandboxPath(mount: string, path: string): PartnerService | null {
  const candidates = PARTNER_SERVICES.filter((s) => s.sandbox?.mount === mount);
  return candidates.find((s) => s.sandbox?.paths?.test(path)) ?? candidates.find((s) => !s.sandbox?.paths) ?? null;
}
