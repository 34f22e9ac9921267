import type en from './messages/en.json';
import type { Locale } from './locales';

// Message keys and locales are checked at compile time (a typo in a key is a type error).
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
