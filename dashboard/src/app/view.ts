// What the shell hands a view and what a view hands back. A view is one screen of the dashboard
// (live map, free desks, kiosk, planner, manage); the shell owns the header, language, token and live feed.
import type { LiveSite } from '../../../protocol/live-view.ts';
import type { Site } from '../../../protocol/site-model.ts';
import type { ApiClient, SiteListEntry } from '../api-client.ts';
import type { ConnectionStatus } from '../connection-badge.ts';
import type { Lang } from '../i18n/messages.ts';
import type { TimeFormat } from '../time-format.ts';

export type Role = 'member' | 'planner' | 'manager';

/** The site's live state, kept current by one SSE stream that every view shares. */
export type LiveFeed = {
  /** The latest state, once the first snapshot arrived. */
  current(): LiveSite | undefined;
  /** Called at once with the current state (if any), then on every change. Returns the unsubscribe. */
  subscribe(listener: (live: LiveSite) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Alerts as they are raised (managers only: the API sends `event: alert` to managers). */
  onAlert(listener: (alert: unknown) => void): () => void;
};

export type ViewContext = {
  api: ApiClient;
  site: Site;
  sites: readonly SiteListEntry[];
  lang: Lang;
  /** Times in the site's time zone, formatted for the page's language. */
  format: TimeFormat;
  live: LiveFeed;
  /** What the viewer may see: from their token, or member when the API lets the local network in. */
  role: Role | undefined;
  now: () => number;
  /** The address parameters after the route (`#/planner?from=…` → from), for views that keep state there. */
  params: URLSearchParams;
  /** Replaces the address parameters without reloading or re-creating the view. */
  setParams(params: URLSearchParams): void;
  /** Opens the shell's token dialog, for a view that needs a role the viewer lacks. */
  askForToken(): void;
};

export type View = {
  element: HTMLElement;
  close(): void;
};

export type ViewFactory = (context: ViewContext) => View | Promise<View>;
