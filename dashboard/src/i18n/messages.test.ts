import { describe, expect, it } from 'vitest';
import { defineMessages, pickLanguage, translator } from './messages.ts';

const messages = defineMessages(
  { free: { one: '{count} free desk', other: '{count} free desks' }, hello: 'Hello {name}' },
  { free: { one: '{count} scrivania libera', other: '{count} scrivanie libere' }, hello: 'Ciao {name}' },
);

describe('translations', () => {
  it('picks plural forms and formats numbers for the language', () => {
    expect(translator(messages, 'en')('free', { count: 1 })).toBe('1 free desk');
    expect(translator(messages, 'en')('free', { count: 1200 })).toBe('1,200 free desks');
    expect(translator(messages, 'it')('free', { count: 1200 })).toBe('1200 scrivanie libere');
    expect(translator(messages, 'it')('hello', { name: 'Anna' })).toBe('Ciao Anna');
  });

  it("speaks the browser's language when it knows it, and remembers a switch", () => {
    expect(pickLanguage(['it-IT', 'en'])).toBe('it');
    expect(pickLanguage(['de-DE', 'fr'])).toBe('en');
    expect(pickLanguage(['it-IT'], 'en')).toBe('en');
  });
});
