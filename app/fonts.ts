import localFont from 'next/font/local';

// Shipped with the @fontsource-variable/inter package: no font is fetched at build or run time.
// Not preloaded: 47 KiB that would compete with the page's largest paint on every page; text shows
// at once in the size-matched fallback and swaps to Inter when it arrives.
export const inter = localFont({
  src: '../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2',
  variable: '--font-inter',
  display: 'swap',
  preload: false,
  weight: '100 900',
});
