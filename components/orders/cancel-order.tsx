'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, type ReactNode } from 'react';
import { cancelOrderAction, type CancelActionState } from './actions';

/**
 * "Cancel order" asks first: a modal dialog says what happens (access ends, how much goes back,
 * to which account) and cancels only on "Yes". The result is announced in a status region that
 * stays on the page after the panel re-renders without the button.
 */
export function CancelOrder({
  orderId,
  cancellable,
  productName,
  amount,
  policy,
  hint,
}: {
  orderId: string;
  cancellable: boolean;
  productName: string;
  /** What a cancel now gives back (docs/refund-policy.md#refunds). */
  amount: string;
  /** The policy's rule for this order now, in the customer's words. */
  policy: string;
  hint: ReactNode;
}) {
  const t = useTranslations('Order');
  const [state, action, pending] = useActionState<CancelActionState, FormData>(cancelOrderAction, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!state) return;
    dialog.current?.close();
    // The Cancel button is gone once the order is cancelled: the focus goes to what happened,
    // not back to <body>.
    result.current?.focus();
  }, [state]);
  if (!cancellable && !state) return null;
  return (
    <div className="space-y-2 border-t border-slate-200 pt-3">
      {cancellable ? (
        <>
          {hint ? <p className="text-sm text-slate-700">{hint}</p> : null}
          <button
            type="button"
            onClick={() => {
              dialog.current?.showModal();
              // The safe choice has focus: Enter or a stray tap keeps the plan.
              keep.current?.focus();
            }}
            className="min-h-11 w-full rounded-md border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50 focus-visible:ring-2 focus-visible:ring-red-600 focus-visible:ring-offset-2 focus-visible:outline-none"
          >
            {t('cancel')}
          </button>
          <dialog
            ref={dialog}
            aria-labelledby="cancel-title"
            aria-describedby="cancel-what-happens"
            data-testid="cancel-dialog"
            className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-xl backdrop:bg-slate-900/50"
          >
            <form action={action} className="space-y-4 p-5">
              <input type="hidden" name="orderId" value={orderId} />
              <h2 id="cancel-title" className="text-lg font-semibold text-slate-900">
                {t('confirmTitle')}
              </h2>
              <ul id="cancel-what-happens" className="list-disc space-y-1 pl-5 text-slate-800">
                <li>{t('confirmAccess', { product: productName })}</li>
                <li data-testid="cancel-policy">{policy}</li>
                <li>{t('confirmRefund', { amount })}</li>
                <li>{t('confirmFinal')}</li>
              </ul>
              <div className="flex flex-col gap-2 sm:flex-row-reverse">
                <button
                  type="submit"
                  disabled={pending}
                  className="min-h-11 rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-60"
                >
                  {pending ? t('cancelling') : t('confirmYes', { amount })}
                </button>
                <button
                  ref={keep}
                  type="button"
                  onClick={() => dialog.current?.close()}
                  className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 hover:bg-slate-50"
                >
                  {t('confirmNo')}
                </button>
              </div>
            </form>
          </dialog>
        </>
      ) : null}
      <p
        ref={result}
        tabIndex={-1}
        role="status"
        aria-live="polite"
        className={state?.ok === false ? 'text-sm text-red-800' : 'text-sm text-slate-700'}
      >
        {state?.message ?? ''}
      </p>
    </div>
  );
}
