import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/**
 * OpenTV already had an account on the customer's e-mail, so their plan was set up on a new
 * account of ours: they can link their own instead (on /account).
 */
export async function OpenTvConflictNote({ linkHere = false }: { linkHere?: boolean }) {
  const t = await getTranslations('Account');
  return (
    <p role="note" className="rounded-md bg-amber-50 p-3 text-amber-950" data-testid="opentv-conflict">
      {t('conflict')}{' '}
      {linkHere ? (
        t('conflictLinkBelow')
      ) : (
        <Link href="/account" className="font-semibold underline">
          {t('conflictLinkAccount')}
        </Link>
      )}
    </p>
  );
}
