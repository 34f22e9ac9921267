import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled input with its inline error (announced via aria-describedby). */
export function TextField({
  name,
  label,
  hint,
  error,
  value,
  onValue,
  ...rest
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValue: (v: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'>) {
  const id = `checkout-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`h-12 w-full rounded-lg border px-3 text-base ${error ? 'border-red-600' : 'border-slate-400'}`}
        {...rest}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700" data-testid={`error-${name}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
