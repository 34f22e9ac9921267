import { DEMO_STAFF_NAME, demoStaffPassword } from '@/lib/ops/staff';
import type { QueuedFaultInput } from '@/lib/sandbox/fault-queue';

/**
 * The faults the chaos suite queues at random (lib/sandbox/fault-queue.ts through the staff-only
 * `/sandbox/faults`). The suite authenticates as the sandbox demo staff with a staff session it
 * signs itself: it starts the app with its own AUTH_SECRET, so it holds the key the app checks
 * every staff session with. That survives any change to how the console signs people in.
 */

type Fault = Omit<QueuedFaultInput, 'times'> & { label: string };

const lost503 = { mode: 'lost', status: 503, body: { error: 'service_unavailable' } } as const;
const refused503 = { mode: 'refuse', status: 503, body: { error: 'service_unavailable' } } as const;

/** Per checkout step, the faults to pick from. */
export const STEP_FAULTS: Record<string, Fault[]> = {
  widgetInit: [
    { label: 'flexiti widget/init refused 503', partner: 'flexiti', match: '/widget/init$', ...refused503 },
    { label: 'flexiti widget/init applied, answer lost', partner: 'flexiti', match: '/widget/init$', ...lost503 },
  ],
  authorization: [
    {
      label: 'flexiti /authorization applied, answer lost (503)',
      partner: 'flexiti',
      match: '/authorization$',
      method: 'POST',
      ...lost503,
    },
    {
      label: 'flexiti /authorization applied, unreadable 200',
      partner: 'flexiti',
      match: '/authorization$',
      method: 'POST',
      mode: 'lost',
      status: 200,
      body: '<html>gateway reset</html>',
    },
    {
      label: 'flexiti /authorization refused 503',
      partner: 'flexiti',
      match: '/authorization$',
      method: 'POST',
      ...refused503,
    },
    {
      label: 'flexiti /authorization refused 429',
      partner: 'flexiti',
      match: '/authorization$',
      method: 'POST',
      mode: 'refuse',
      status: 429,
      body: { error: 'too_many_requests' },
    },
    { label: 'flexiti look-up refused 503', partner: 'flexiti', match: '/authorizations$', ...refused503 },
  ],
  refund: [
    { label: 'flexiti return applied, answer lost', partner: 'flexiti', match: '/return$', ...lost503 },
    { label: 'flexiti return refused 503', partner: 'flexiti', match: '/return$', ...refused503 },
  ],
  opentv: [
    { label: 'opentv token refused 503', partner: 'keycloak', ...refused503 },
    { label: 'opentv token applied, answer lost', partner: 'keycloak', ...lost503 },
    {
      label: 'opentv create entitlement applied, answer lost',
      partner: 'opentv',
      match: '/entitlements$',
      method: 'POST',
      ...lost503,
    },
    {
      label: 'opentv create entitlement refused 503',
      partner: 'opentv',
      match: '/entitlements$',
      method: 'POST',
      ...refused503,
    },
  ],
  oms: [
    { label: 'oms refused 429 (code 31)', partner: 'oms', mode: 'refuse', status: 429, body: null },
    { label: 'oms refused 503', partner: 'oms', ...refused503 },
    { label: 'oms applied, answer lost (503)', partner: 'oms', ...lost503 },
  ],
};

export class FaultQueue {
  queued = 0;
  readonly byLabel = new Map<string, number>();
  private cookie: Promise<string> | null = null;

  constructor(
    private readonly url: () => string,
    private readonly authSecret: string,
  ) {}

  /** Staff sign-in over HTTP as the sandbox demo account: a real, revocable server-side session. */
  private async signIn(): Promise<string> {
    const res = await fetch(`${this.url()}/api/ops/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: DEMO_STAFF_NAME, password: demoStaffPassword(this.authSecret) }),
      signal: AbortSignal.timeout(5_000),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 204 || !cookie) throw new Error(`staff sign-in: HTTP ${res.status}`);
    return cookie;
  }

  private async call(method: 'POST' | 'GET' | 'DELETE', body?: unknown): Promise<Response> {
    this.cookie ??= this.signIn().catch((e) => {
      this.cookie = null;
      throw e;
    });
    const res = await fetch(`${this.url()}/sandbox/faults`, {
      method,
      headers: { cookie: await this.cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5_000),
    });
    // The session is gone (a sandbox reset, say): sign in again next time.
    if (res.status === 403) this.cookie = null;
    return res;
  }

  /** With probability `rate`, queues one fault for each step of a checkout. Never throws. */
  async maybeQueueFor(steps: string[], rate: number, random = Math.random): Promise<void> {
    for (const step of steps) {
      if (random() >= rate) continue;
      const choices = STEP_FAULTS[step]!;
      const { label, ...fault } = choices[Math.floor(random() * choices.length)]!;
      try {
        const res = await this.call('POST', fault);
        if (res.status !== 201) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        this.queued++;
        this.byLabel.set(label, (this.byLabel.get(label) ?? 0) + 1);
      } catch (e) {
        // The instance may be down (a kill): that step just goes unfaulted.
        if (process.env.CHAOS_DEBUG) console.error(`chaos: could not queue ${label}: ${e}`);
      }
    }
  }

  /** Queues one fault `times` times (a deliberate outage, not a random one). Throws when refused. */
  async queue(fault: QueuedFaultInput): Promise<void> {
    const res = await this.call('POST', fault);
    if (res.status !== 201) throw new Error(`queue fault: HTTP ${res.status}: ${await res.text()}`);
  }

  /** Faults still waiting (never taken), then clears them. */
  async drain(): Promise<number> {
    const res = await this.call('GET');
    const { faults } = (await res.json()) as { faults: unknown[] };
    await this.call('DELETE');
    return faults.length;
  }
}
