import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import GlobalError from '@/app/global-error';
import PageError from '@/app/error';
import { browserLocale, ERROR_COPY } from '@/lib/i18n/error-copy';
import { ErrorView } from './error-view';

const reset = () => {};
const fail = Object.assign(new Error('secret customer detail'), { digest: 'd1g3st' });

describe('the error pages (app/error.tsx, app/global-error.tsx)', () => {
  it('say what happened in English and in French, as an alert, with a retry and a way back', () => {
    const en = renderToStaticMarkup(createElement(ErrorView, { locale: 'en', digest: 'd1g3st', reset }));
    expect(en).toContain('<div role="alert"');
    expect(en).toContain('<h1 class="text-2xl font-bold">Something went wrong</h1>');
    expect(en).toContain('>Try again</button>');
    expect(en).toContain('<a href="/"');
    expect(en).toContain('Back to the store');
    expect(en).toContain('<code>d1g3st</code>');
    const fr = renderToStaticMarkup(createElement(ErrorView, { locale: 'fr', reset }));
    expect(fr).toContain('lang="fr"');
    expect(fr).toContain('Un problème est survenu');
    expect(fr).toContain('>Réessayer</button>');
    expect(fr).toContain('Retour à la boutique');
    expect(fr).not.toContain('<code>');
  });

  it('never show the error text; global-error renders its own <html> and <body>', () => {
    const page = renderToStaticMarkup(createElement(PageError, { error: fail, reset }));
    expect(page).toContain('Something went wrong');
    expect(page).not.toContain('secret customer detail');
    const global = renderToStaticMarkup(createElement(GlobalError, { error: fail, reset }));
    expect(global).toMatch(/^<html lang="en">(<head><\/head>)?<body[^>]*><main/);
    expect(global).not.toContain('secret customer detail');
  });

  it("pick the page's language: its lang, else the remembered choice, else the browser's", () => {
    const doc = (lang: string, cookie = '') => ({ documentElement: { lang }, cookie }) as unknown as Document;
    const nav = (languages: string[]) => ({ languages, language: languages[0] }) as unknown as Navigator;
    expect(browserLocale(doc('fr'), nav(['en']))).toBe('fr');
    expect(browserLocale(doc('', 'a=1; NEXT_LOCALE=fr'), nav(['en']))).toBe('fr');
    expect(browserLocale(doc(''), nav(['fr-CA', 'en']))).toBe('fr');
    expect(browserLocale(doc('de'), nav(['de']))).toBe('en');
  });

  it('have the same words in every language', () => {
    expect(Object.keys(ERROR_COPY.fr).sort()).toEqual(Object.keys(ERROR_COPY.en).sort());
  });
});
