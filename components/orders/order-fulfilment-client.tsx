'use client';

import { useActionState } from 'react';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { cancelOrderAction, type CancelActionState } from '@/lib/orders/cancel-action';

/**
 * The panel's "Cancel order" button: a plain form (works without JavaScript), the result announced
 * in a status region that stays when the order is no longer cancellable (after the cancel).
 */
export function CancelOrderButton({
  orderId,
  cancellable,
  hint,
}: {
  orderId: string;
  cancellable: boolean;
  hint: string | null;
}) {
  const [state, action, pending] = useActionState<CancelActionState, FormData>(cancelOrderAction, null);
  if (!cancellable && !state) return null;
  return (
    <form action={action} className="space-y-2 border-t border-slate-200 pt-3">
      <input type="hidden" name="orderId" value={orderId} />
      {cancellable ? (
        <>
          {hint ? <p className="text-sm text-slate-700">{hint}</p> : null}
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded-md border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50 focus-visible:ring-2 focus-visible:ring-red-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
          >
            {pending ? 'Cancelling…' : 'Cancel order'}
          </button>
        </>
      ) : null}
      <p
        role="status"
        aria-live="polite"
        className={state?.ok === false ? 'text-sm text-red-800' : 'text-sm text-slate-700'}
      >
        {state?.message ?? ''}
      </p>
    </form>
  );
}

/** Re-renders the panel every few seconds while something is still on its way (tab visible). */
export function RefreshWhilePending({ everyMs = 2000 }: { everyMs?: number }) {
  return <AutoRefresh everyMs={everyMs} />;
}
