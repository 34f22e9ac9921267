'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface OpsNavLink {
  href: string;
  label: string;
  /** Other paths that belong to this entry (an order's page belongs to Orders). */
  also?: string[];
  /** Something is waiting there (e.g. orders needing attention): drawn as a warning. */
  alert?: boolean;
}

function isCurrent(pathname: string, l: OpsNavLink): boolean {
  if (pathname === l.href) return true;
  if (l.href !== '/ops' && pathname.startsWith(`${l.href}/`)) return true;
  return (l.also ?? []).some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** The console's nav links; the current page's carries `aria-current="page"` and looks selected. */
export function OpsNavLinks({ links }: { links: OpsNavLink[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 pb-2 text-sm">
      {links.map((l) => {
        const current = isCurrent(pathname, l);
        return (
          <li key={l.href}>
            <Link
              href={l.href}
              aria-current={current ? 'page' : undefined}
              data-alert={l.alert ? 'true' : undefined}
              className={`flex min-h-11 items-center rounded px-3 ${current ? 'bg-white font-semibold text-slate-900' : l.alert ? 'bg-amber-300 font-semibold text-slate-900 hover:bg-amber-200' : 'hover:bg-white/10'}`}
            >
              {l.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
