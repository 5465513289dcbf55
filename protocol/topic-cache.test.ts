import { describe, expect, it } from 'vitest';
import { cachedTopicParser } from './topic-cache.ts';
import { parseTopic } from './topics.ts';

describe('cachedTopicParser', () => {
  const topics = [
    'prossima/v1/demo/desk/a-01/state',
    'prossima/v1/demo/door/main/count',
    'prossima/v1/demo/device/ds-1/status',
    'prossima/v1/demo/desk/a-01/stat',
    'prossima/v2/demo/desk/a-01/state',
    'prossima/v1/demo/desk/A 01/state',
    '',
  ];

  it('answers as parseTopic does, the first time and every time after', () => {
    const parse = cachedTopicParser();
    for (let round = 0; round < 3; round++) {
      for (const topic of topics) expect(parse(topic)).toEqual(parseTopic(topic));
    }
  });

  it('still answers right after emptying itself at its limit, many times over', () => {
    const parse = cachedTopicParser(4);
    for (let i = 0; i < 50; i++) {
      const topic = `prossima/v1/demo/desk/d-${i % 9}/state`;
      expect(parse(topic)).toEqual({ kind: 'desk-state', site: 'demo', desk: `d-${i % 9}` });
    }
  });
});
