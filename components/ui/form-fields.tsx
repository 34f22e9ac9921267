import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * Form primitives of the staff console (components/ops, app/ops): button, input and label
 * classes, a labelled input and select, the filter form above a list. Beside the store's own
 * (text-field.tsx), so every form field has one home.
 */

export const buttonClass =
  'inline-flex min-h-10 items-center justify-center rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50';
export const secondaryButtonClass =
  'inline-flex min-h-10 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-semibold text-slate-900 hover:bg-slate-100';
export const inputClass = 'min-h-10 w-full rounded-lg border border-slate-400 bg-white px-3 text-sm';
export const labelClass = 'block text-sm font-medium text-slate-800';

/** A labelled input, the label above it. */
export function InputField({
  id,
  label,
  className = inputClass,
  ...input
}: { id: string; label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} className={className} {...input} />
    </div>
  );
}

/** The filter form above a list: a search landmark named by `label`, laid out by `className`. */
export function FilterForm({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  return (
    <form
      role="search"
      aria-label={label}
      className={`mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 ${className}`}
    >
      {children}
    </form>
  );
}

/** A labelled `<select>`; with `any`, a first choice that means "no filter". */
export function SelectField({
  id,
  name = id,
  label,
  value,
  any,
  options,
}: {
  id: string;
  name?: string;
  label: string;
  value?: string;
  any?: string;
  options: readonly (string | { value: string; label: string })[];
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={any === undefined ? value : (value ?? '')} className={inputClass}>
        {any === undefined ? null : <option value="">{any}</option>}
        {options.map((o) => {
          const { value: v, label: l } = typeof o === 'string' ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </div>
  );
}
