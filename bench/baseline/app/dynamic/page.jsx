// The same page rendered per request, like the store's pages.
export const dynamic = 'force-dynamic';

export { default } from '../page';
