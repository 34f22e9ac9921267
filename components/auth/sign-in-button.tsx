import type { Ref } from 'react';

/**
 * The box around the button and its messages: the header's panel floats under it. A page with its
 * own "Continue with Flipkart" (sign-in, signed-out checkout) hides the header's, so there is one
 * button to choose, not two (`sign-in-page` marks the page's box; CSS only, no script).
 */
export const signInBoxClass = (variant: 'header' | 'page') =>
  variant === 'header' ? 'relative [body:has(main_.sign-in-page)_&]:hidden' : 'sign-in-page w-full max-w-md';

/**
 * The "Continue with Flipkart" button itself, the same before and after the sign-in flow has
 * loaded (components/auth/sign-in-lazy.tsx, components/auth/sign-in-flow.tsx).
 */
export function SignInButton({
  variant,
  label,
  onClick,
  busy = false,
  disabled = false,
  ref,
}: {
  variant: 'header' | 'page';
  label: string;
  onClick?: () => void;
  busy?: boolean;
  disabled?: boolean;
  ref?: Ref<HTMLButtonElement>;
}) {
  // Busy is aria-disabled, not disabled: a disabled button drops the keyboard focus, and the
  // Flipkart sheet gives the focus back to what had it when it opened.
  return (
    <button
      ref={ref}
      type="button"
      onClick={busy ? undefined : onClick}
      disabled={disabled}
      aria-disabled={busy || undefined}
      aria-busy={busy}
      className={
        variant === 'header'
          ? 'min-h-11 rounded-md bg-brand-600 px-3 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-70 aria-disabled:opacity-70'
          : 'flex w-full items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:opacity-70 aria-disabled:opacity-70'
      }
    >
      {label}
    </button>
  );
}
