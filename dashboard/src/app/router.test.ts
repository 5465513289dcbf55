import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './router.ts';

describe('dashboard routes', () => {
  it('opens the live map for an empty or unknown address', () => {
    expect(parseRoute('').name).toBe('live');
    expect(parseRoute('#/').name).toBe('live');
    expect(parseRoute('#/nowhere?x=1').name).toBe('live');
  });

  it('keeps a view and its parameters in the address, so a link reopens the same report', () => {
    const route = parseRoute('#/planner?from=2026-11-01&to=2026-11-24&resolution=day');
    expect(route.name).toBe('planner');
    expect(route.params.get('resolution')).toBe('day');
    expect(routeHash(route)).toBe('#/planner?from=2026-11-01&to=2026-11-24&resolution=day');
    expect(routeHash({ name: 'find', params: new URLSearchParams() })).toBe('#/find');
  });
});
