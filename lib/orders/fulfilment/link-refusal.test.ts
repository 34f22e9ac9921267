import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';
import { LINK_REFUSALS, opentvAccountIdSchema } from './opentv-account';

const translators = {
  en: createTranslator({ locale: 'en', messages: en, namespace: 'Account.linkRefused' }),
  fr: createTranslator({ locale: 'fr', messages: fr, namespace: 'Account.linkRefused' }),
};

describe('why an OpenTV account link was refused, in the customer’s language', () => {
  it('every refusal has its own English and French message', () => {
    for (const refusal of LINK_REFUSALS) {
      const english = translators.en(refusal, { minutes: 14 });
      const french = translators.fr(refusal, { minutes: 14 });
      expect(english, refusal).not.toContain('linkRefused');
      expect(french, refusal).not.toContain('linkRefused');
      expect(french, refusal).not.toBe(english);
    }
  });

  it('the account id rules answer with refusals, not English text', () => {
    const refusalOf = (input: unknown) => opentvAccountIdSchema.safeParse(input).error?.issues[0]?.message;
    expect(refusalOf(undefined)).toBe('enterAccountId');
    expect(refusalOf('   ')).toBe('enterAccountId');
    expect(refusalOf('a'.repeat(65))).toBe('accountIdTooLong');
    expect(refusalOf('acct 1')).toBe('accountIdCharacters');
    expect(refusalOf('acct-sam-0003')).toBeUndefined();
  });

  it('the wait is counted in minutes with the right plural', () => {
    expect(translators.en('tooManyAttempts', { minutes: 1 })).toBe(
      'Too many attempts to link an account. Try again in 1 minute.',
    );
    expect(translators.fr('tooManyAttempts', { minutes: 15 })).toContain('15 minutes');
  });
});
