import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: { default: 'Demo tour', template: '%s · Demo tour' },
  robots: { index: false },
};

export default function DemoLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-100">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      {children}
    </div>
  );
}
