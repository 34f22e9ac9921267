// `fk-platform-sdk/web` ships no typings next to its entry; lib/partners/ultra/sdk.ts types what it uses.
declare module 'fk-platform-sdk/web';
