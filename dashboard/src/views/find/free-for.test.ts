import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/messages.ts';
import { describeFreeFor } from './free-for.ts';
import { findMessages } from './messages.ts';

const en = translator(findMessages, 'en');
const it_ = translator(findMessages, 'it');
const min = 60_000;

describe('how long a desk has been free', () => {
  it('says minutes under an hour, whole minutes only', () => {
    expect(describeFreeFor(25 * min + 59_000, en)).toBe('free for 25 min');
    expect(describeFreeFor(25 * min, it_)).toBe('libera da 25 min');
  });

  it('says less than a minute for a desk just vacated', () => {
    expect(describeFreeFor(30_000, en)).toBe('free for less than a minute');
    expect(describeFreeFor(0, it_)).toBe('libera da meno di un minuto');
  });

  it('says hours and minutes under a day', () => {
    expect(describeFreeFor(125 * min, en)).toBe('free for 2 h 5 min');
    expect(describeFreeFor(120 * min, en)).toBe('free for 2 h');
    expect(describeFreeFor(61 * min, it_)).toBe('libera da 1 h 1 min');
  });

  it('says days beyond a day', () => {
    expect(describeFreeFor(30 * 60 * min, en)).toBe('free for over a day');
    expect(describeFreeFor(3 * 24 * 60 * min, it_)).toBe('libera da più di 3 giorni');
  });

  it('says just free when nobody knows since when', () => {
    expect(describeFreeFor(null, en)).toBe('free');
  });
});
