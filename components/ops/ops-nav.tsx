import Link from 'next/link';
import { OpsNavLinks } from './ops-nav-links';

const LINKS = [
  { href: '/ops', label: 'Orders', also: ['/ops/orders'] },
  { href: '/ops/calls', label: 'Call log' },
  { href: '/ops/outbox', label: 'Outbox' },
  { href: '/ops/health', label: 'Partner health' },
  { href: '/ops/sandbox', label: 'Sandbox', sandboxOnly: true },
  { href: '/ops/audit', label: 'Audit' },
];

export function OpsHeader({
  staff,
  sandbox,
  attention,
  signOut,
}: {
  staff: string;
  sandbox: boolean;
  /** Orders on the "needs attention" list: shown in the nav so nobody has to look for them. */
  attention: number;
  signOut: () => Promise<void>;
}) {
  return (
    <header className="border-b border-slate-200 bg-slate-900 text-white">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href="/ops" className="font-bold">
          Ops console
          {sandbox ? (
            <span className="ml-2 rounded bg-amber-300 px-1.5 py-0.5 text-xs text-slate-900">sandbox</span>
          ) : null}
        </Link>
        <form action={signOut} className="flex items-center gap-2 text-sm">
          <span>
            Signed in as <strong data-testid="ops-staff-name">{staff}</strong>
          </span>
          <button type="submit" className="rounded border border-white/40 px-2 py-1 hover:bg-white/10">
            Sign out
          </button>
        </form>
      </div>
      <nav aria-label="Ops console" className="mx-auto w-full max-w-6xl overflow-x-auto px-4">
        <OpsNavLinks
          links={[
            LINKS[0]!,
            { href: '/ops/attention', label: `Needs attention (${attention})`, alert: attention > 0 },
            ...LINKS.slice(1).filter((l) => sandbox || !l.sandboxOnly),
            ...(sandbox ? [{ href: '/demo', label: 'Demo tour' }] : []),
          ]}
        />
      </nav>
    </header>
  );
}
