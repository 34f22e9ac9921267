'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createOpenTvAccountAction, linkOpenTvAccountAction, type AccountFormState } from './actions';

const button =
  'min-h-11 rounded-md px-4 py-2 font-medium focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60';

/** Link an existing OpenTV account by its id, or set one up now. */
export function OpenTvAccountForms({ suggested, hasAccount }: { suggested: string | null; hasAccount: boolean }) {
  const [linkState, link, linking] = useActionState<AccountFormState, FormData>(linkOpenTvAccountAction, null);
  const [createState, create, creating] = useActionState<AccountFormState, FormData>(createOpenTvAccountAction, null);
  const t = useTranslations('Account');
  const error = linkState?.ok === false && linkState.field === 'accountId' ? linkState.message : null;
  return (
    <div className="space-y-4">
      <form action={link} className="space-y-2" noValidate>
        <label htmlFor="accountId" className="block text-sm font-medium text-slate-800">
          {hasAccount ? t('linkDifferent') : t('linkExisting')}
        </label>
        <input
          id="accountId"
          name="accountId"
          defaultValue={suggested ?? ''}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'accountId-error' : undefined}
          className="block min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
        {error ? (
          <p id="accountId-error" className="text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={linking} className={`${button} bg-slate-900 text-white`}>
          {linking ? t('checking') : t('link')}
        </button>
        <p role="status" aria-live="polite" className="text-sm text-slate-700">
          {linkState && (linkState.ok || !linkState.field) ? linkState.message : ''}
        </p>
      </form>
      {!hasAccount ? (
        <form action={create} className="space-y-2">
          <p className="text-sm text-slate-700">{t('createIntro')}</p>
          <button
            type="submit"
            disabled={creating}
            className={`${button} border border-slate-300 bg-white text-slate-900`}
          >
            {creating ? t('settingUp') : t('create')}
          </button>
          <p role="status" aria-live="polite" className="text-sm text-slate-700">
            {createState?.message ?? ''}
          </p>
        </form>
      ) : null}
    </div>
  );
}
