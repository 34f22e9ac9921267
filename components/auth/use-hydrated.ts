import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False during SSR and hydration, true once React runs in the browser: controls stay disabled until then. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
