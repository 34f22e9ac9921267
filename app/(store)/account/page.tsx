import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { requireCustomer } from '@/lib/auth';
import { signOutEverywhere } from '@/components/auth/actions';
import { OpenTvConflictNote } from '@/components/account/opentv-conflict-note';
import { clientMessages } from '@/lib/i18n/client-messages';
import { hasOpenTvSignonConflict, suggestedOpenTvAccount } from '@/lib/orders';
import { OpenTvAccountForms } from './opentv-account-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meta'))('account') };
}
export const dynamic = 'force-dynamic';

/**
 * The customer's account: what Flipkart shared with us, and the OpenTV account their plans are
 * provisioned on (docs/partners/opentv.md#accounts: linked, or created at the first purchase).
 */
export default async function AccountPage() {
  const customer = await requireCustomer('/account');
  const suggested = customer.opentvAccountId ? null : suggestedOpenTvAccount(customer.identityToken);
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  const t = await getTranslations('Account');
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <section aria-labelledby="profile-heading" className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="profile-heading" className="text-lg font-semibold">
          {t('fromFlipkart')}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800">
          <dt className="text-slate-600">{t('name')}</dt>
          <dd>{name || t('notShared')}</dd>
          <dt className="text-slate-600">{t('email')}</dt>
          <dd>{customer.email ?? t('notShared')}</dd>
          <dt className="text-slate-600">{t('mobile')}</dt>
          <dd>{customer.mobile ?? t('notShared')}</dd>
        </dl>
      </section>
      <section aria-labelledby="opentv-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="opentv-heading" className="text-lg font-semibold">
          {t('opentv')}
        </h2>
        <p className="text-slate-800" data-testid="opentv-account">
          {/* No internal account id here: it means nothing to a customer (ops shows it). */}
          {customer.opentvAccountId ? t('opentvLinked') : t('opentvNone')}
        </p>
        {hasOpenTvSignonConflict(customer) ? <OpenTvConflictNote linkHere /> : null}
        {suggested ? (
          <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            {t.rich('sandboxSuggested', {
              id: suggested,
              mono: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </p>
        ) : null}
        <NextIntlClientProvider messages={await clientMessages(['Account'])}>
          <OpenTvAccountForms suggested={suggested} hasAccount={!!customer.opentvAccountId} />
        </NextIntlClientProvider>
      </section>
      <section aria-labelledby="sessions-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          {t('sessions')}
        </h2>
        <p className="text-slate-800">{t('signOutEverywhereIntro')}</p>
        <form action={signOutEverywhere}>
          <button
            type="submit"
            className="min-h-11 rounded-md border border-slate-300 px-4 font-medium text-slate-900 hover:bg-slate-50"
          >
            {t('signOutEverywhere')}
          </button>
        </form>
      </section>
    </div>
  );
}
