// The dashboard's address: `#/{view}?{params}`, plus `?site=` in the query so a link names the site.
// Hash routes switch views without a page load and work behind any static server or proxy path.

export const ROUTES = ['live', 'find', 'kiosk', 'planner', 'manage', 'edit'] as const;
export type RouteName = (typeof ROUTES)[number];
export type Route = { name: RouteName; params: URLSearchParams };

/** The view the address names; the live map for an empty or unknown one. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const name = ROUTES.find((route) => route === path) ?? 'live';
  return { name, params: new URLSearchParams(query) };
}

export function routeHash({ name, params }: Route): string {
  const query = params.toString();
  return `#/${name}${query ? `?${query}` : ''}`;
}
