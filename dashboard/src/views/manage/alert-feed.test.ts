import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../protocol/live-view.ts';
import { createAlertFeed, readAlertEvent } from './alert-feed.ts';

const alert = (id: string, at: number): Alert => ({
  id,
  site: 'demo',
  type: 'battery-low',
  at,
  message: `device ds-${id}: battery at 12%`,
  subject: { kind: 'device', id: `ds-${id}` },
  value: 12,
  threshold: 20,
});

describe('createAlertFeed', () => {
  it('lists newest first and tells which alerts are new', () => {
    const feed = createAlertFeed();
    expect(feed.add([alert('a', 1), alert('b', 3), alert('c', 2)]).map((a) => a.id)).toEqual(['b', 'c', 'a']);
    expect(feed.add([alert('b', 3), alert('d', 4)]).map((a) => a.id)).toEqual(['d']);
    expect(feed.list().map((a) => a.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('keeps only the newest', () => {
    const feed = createAlertFeed(2);
    feed.add([alert('a', 1), alert('b', 2), alert('c', 3)]);
    expect(feed.list().map((a) => a.id)).toEqual(['c', 'b']);
    expect(feed.add([alert('a', 1)])).toEqual([]);
  });
});

describe('readAlertEvent', () => {
  it('reads the live event the stream sends, or a bare alert, and nothing else', () => {
    expect(readAlertEvent({ kind: 'alert', site: 'demo', alert: alert('a', 1) })?.id).toBe('a');
    expect(readAlertEvent(alert('b', 2))?.id).toBe('b');
    expect(readAlertEvent({ kind: 'desk' })).toBeUndefined();
    expect(readAlertEvent('nonsense')).toBeUndefined();
  });
});
