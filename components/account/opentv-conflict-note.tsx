import Link from 'next/link';

/**
 * OpenTV already had an account on the customer's e-mail, so their plan was set up on a new
 * account of ours: they can link their own instead (on /account).
 */
export function OpenTvConflictNote({ linkHere = false }: { linkHere?: boolean }) {
  return (
    <p role="note" className="rounded-md bg-amber-50 p-3 text-amber-950" data-testid="opentv-conflict">
      OpenTV already has an account for your e-mail address, so we set up your plan on a new OpenTV account for you. If
      you would rather use your existing OpenTV account,{' '}
      {linkHere ? (
        'link it below.'
      ) : (
        <Link href="/account" className="font-semibold underline">
          link it on your account page
        </Link>
      )}
    </p>
  );
}
