import type { Metadata } from 'next';
import Link from 'next/link';
import { PageTitle, ScrollTable } from '@/components/ops/ui';
import { getDb } from '@/lib/db/client';
import { requireStaff } from '@/lib/ops/access';
import { formatUtc } from '@/lib/ops/format-time';
import { AUDIT_PAGE_SIZE, listOpsAudit } from '@/lib/ops/audit';

export const metadata: Metadata = { title: 'Audit' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function OpsAuditPage({ searchParams }: { searchParams: Search }) {
  await requireStaff('/ops/audit');
  const q = await searchParams;
  const raw = Number(Array.isArray(q.page) ? q.page[0] : q.page);
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 10_000 ? raw : 1;
  const { rows, total } = await listOpsAudit(await getDb(), page);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  return (
    <>
      <PageTitle lead="Every action taken in the console, with who took it. Kept across sandbox resets.">
        Audit
      </PageTitle>
      <ScrollTable
        label="Audit table (scrolls sideways)"
        caption="Ops actions, newest first"
        columns={['When', 'Who', 'Action', 'Target', 'Detail']}
      >
        {rows.map((r) => (
          <tr key={r.id} className="border-t border-slate-200 align-top" data-testid="audit-row">
            <td className="px-3 py-2 whitespace-nowrap">
              <time dateTime={r.createdAt.toISOString()}>{formatUtc(r.createdAt)}</time>
            </td>
            <td className="px-3 py-2 font-semibold">{r.actor}</td>
            <td className="px-3 py-2 font-mono">{r.action}</td>
            <td className="px-3 py-2 font-mono">{r.target ?? '—'}</td>
            <td className="px-3 py-2 font-mono text-xs break-all">{r.detail ? JSON.stringify(r.detail) : ''}</td>
          </tr>
        ))}
      </ScrollTable>
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
          {page > 1 ? (
            <Link href={`/ops/audit?page=${page - 1}`} className="text-brand-700 underline">
              Newer
            </Link>
          ) : (
            <span />
          )}
          {page < pages ? (
            <Link href={`/ops/audit?page=${page + 1}`} className="text-brand-700 underline">
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
