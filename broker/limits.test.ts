import { describe, expect, it } from 'vitest';
import { filterMatches, filterViolation } from './conformance.ts';
import { limitsSchema, rateLimiter, topicTooBig } from './limits.ts';

describe('limits', () => {
  it('lets a burst through, then the sustained rate', () => {
    const bucket = rateLimiter(2, 3);
    expect([0, 0, 0, 0].map(() => bucket.take(1000))).toEqual([true, true, true, false]);
    expect(bucket.take(1400)).toBe(false); // 0.8 of a token
    expect(bucket.take(1500)).toBe(true); // 1 token after 500 ms at 2/s
  });

  it('measures topics in bytes and levels', () => {
    const limits = limitsSchema.parse({ maxTopicBytes: 10, maxTopicLevels: 3 });
    expect(topicTooBig('a/b/c', limits)).toBeUndefined();
    expect(topicTooBig('a/b/c/d', limits)).toMatch(/deeper than 3/);
    expect(topicTooBig('ééééé/é', limits)).toMatch(/longer than 10 bytes/);
  });
});

describe('topic filters (MQTT 3.1.1 section 4.7)', () => {
  it('refuses what aedes lets through', () => {
    for (const bad of ['a+', '+a', 'a#', 'a/+b', 'a/#/b', '#/a', '', 'a\u0000b'])
      expect(filterViolation(bad)).toBeDefined();
    for (const good of ['#', '+', 'a/+', '+/+/#', 'a//b', '/a', 'prossima/v1/+/#'])
      expect(filterViolation(good)).toBeUndefined();
  });

  it('match as the spec says, never a $ topic by a leading wildcard', () => {
    expect(filterMatches('a/#', 'a')).toBe(true);
    expect(filterMatches('a/+', 'a/')).toBe(true);
    expect(filterMatches('a/+', 'a/b/c')).toBe(false);
    expect(filterMatches('#', '$SYS/x')).toBe(false);
    expect(filterMatches('+/x', '$a/x')).toBe(false);
    expect(filterMatches('$a/#', '$a/x')).toBe(true);
  });

  it('match as splitting both at every / and comparing level by level does, on 20,000 generated pairs', () => {
    // The reference: the obvious reading of section 4.7, which the broker used before it walked
    // the strings instead (filterMatches runs for every message and subscription).
    const reference = (filter: string, topic: string): boolean => {
      if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
      const f = filter.split('/');
      const t = topic.split('/');
      for (let i = 0; i < f.length; i++) {
        if (f[i] === '#') return true;
        if (i >= t.length) return false;
        if (f[i] !== '+' && f[i] !== t[i]) return false;
      }
      return f.length === t.length;
    };
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const names = ['', 'a', 'b', 'ab', '$a', 'é', 'desk'];
    const levels = (wild: boolean) =>
      Array.from({ length: 1 + next(4) }, () =>
        wild && next(4) === 0 ? '+' : (names[next(names.length)] as string),
      );
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const topic = levels(false).join('/');
      const filter = [...levels(true), ...(next(3) === 0 ? ['#'] : [])].join('/');
      // Half the filters are built from the topic, so that many pairs match.
      const near =
        next(2) === 0
          ? topic
              .split('/')
              .map((level) => (next(3) === 0 ? '+' : level))
              .join('/')
          : filter;
      if (filterViolation(near) !== undefined) continue;
      expect(filterMatches(near, topic), `${near} ~ ${topic}`).toBe(reference(near, topic));
      if (reference(near, topic)) matched += 1;
    }
    expect(matched).toBeGreaterThan(3_000);
  });
});

describe('the message router under a backlog', () => {
  it('drains messages nobody listens to without growing the stack (it used to crash the broker)', async () => {
    const { start } = await import('./index.ts');
    const broker = await start({ port: 0, allowAnonymous: true, concurrency: 1 });
    type Emitter = {
      on(topic: string, listener: (message: unknown, done: () => void) => void): void;
      emit(message: { topic: string }, done?: () => void): void;
    };
    const mq = (broker.aedes as unknown as { mq: Emitter }).mq;
    let release: () => void = () => {};
    const hold = (_m: unknown, done: () => void) => {
      release = done;
    };
    mq.on('held', hold);
    await new Promise((resolve) => setTimeout(resolve, 10));
    mq.emit({ topic: 'held' }); // takes the only slot
    let drained = 0;
    const total = 50_000;
    for (let i = 0; i < total; i++) mq.emit({ topic: 'nobody/listens' }, () => drained++);
    release();
    while (drained < total) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drained).toBe(total);
    await broker.close();
  });
});
