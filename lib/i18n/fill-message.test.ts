import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import fr from './messages/fr.json';
import { fillMessage, translatorFor } from './fill-message';

describe('fillMessage', () => {
  it('puts each value in its placeholder', () => {
    expect(fillMessage('Share {list}', { list: 'email address' })).toBe('Share email address');
    expect(fillMessage('We ask for your {label} {why}.', { label: 'name', why: 'to greet you' })).toBe(
      'We ask for your name to greet you.',
    );
    expect(fillMessage('error {code}', { code: 3 })).toBe('error 3');
  });
  it('keeps a placeholder without a value and unquotes a doubled apostrophe', () => {
    expect(fillMessage('Hi {name}')).toBe('Hi {name}');
    expect(fillMessage("l''adresse")).toBe("l'adresse");
  });
});

describe('translatorFor the sign-in messages', () => {
  it('reads nested keys in both languages', () => {
    expect(translatorFor(en.SignIn)('failure.partner_down')).toBe(en.SignIn.failure.partner_down);
    expect(translatorFor(fr.SignIn)('scope.user_email')).toBe(fr.SignIn.scope.user_email);
  });
  it('uses only simple placeholders, so no sign-in message needs the full message format', () => {
    for (const messages of [en.SignIn, fr.SignIn]) {
      const text = JSON.stringify(messages);
      expect(text).not.toMatch(/\{\s*\w+\s*,/); // no plural / select / number arguments
    }
  });
});
