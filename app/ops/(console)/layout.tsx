import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { FaultIndicator } from '@/components/ops/fault-indicator';
import { OpsHeader } from '@/components/ops/ops-nav';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { getStaff } from '@/lib/ops/access';
import { countNeedsAttention } from '@/lib/ops/needs-attention';
import { activeFaults } from '@/lib/sandbox/active-faults';
import { staffSignOut } from '../sign-in/actions';
import { clearSandboxFaults } from './sandbox/actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: { default: 'Ops console', template: '%s · Ops' }, robots: { index: false } };

export default async function OpsConsoleLayout({ children }: { children: ReactNode }) {
  // Each page calls requireStaff() with its own path (so sign-in returns there); the layout only
  // leaves out the console chrome until then.
  const staff = await getStaff();
  if (!staff) return <>{children}</>;
  return (
    <div className="min-h-dvh bg-slate-50">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <OpsHeader
        staff={staff}
        sandbox={getConfig().sandbox}
        attention={await countNeedsAttention(await getDb())}
        signOut={staffSignOut}
      />
      {getConfig().sandbox ? (
        <FaultIndicator initial={await activeFaults(await getDb())} clear={clearSandboxFaults} />
      ) : null}
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
