// Starts the dashboard in a page: picks the site, draws it, keeps it live. Everything the page
// touches (root element, API client, EventSource, clock) comes in through options for tests.
import { type ApiClient, createApiClient } from './api-client.ts';
import { html } from './dom.ts';
import { startLiveSync } from './live-sync.ts';
import { createSiteView } from './site-view.ts';
import { createTimeFormat } from './time-format.ts';

export type DashboardOptions = {
  root: HTMLElement;
  /** The site to show; the first one the API lists when absent or unknown. */
  siteId?: string | null;
  floorId?: string | null;
  onFloorChange?: (floorId: string) => void;
  api?: ApiClient;
  EventSource?: typeof EventSource;
  now?: () => number;
};

export type DashboardHandle = { close(): void };

/**
 * @example const dashboard = await startDashboard({ root: document.getElementById('app')! }); dashboard.close();
 */
export async function startDashboard(options: DashboardOptions): Promise<DashboardHandle> {
  const { root, api = createApiClient(), now = Date.now } = options;
  try {
    const sites = await api.listSites();
    const chosen = sites.find((s) => s.id === options.siteId) ?? sites[0];
    if (!chosen)
      return showMessage(root, 'No sites yet', 'Add a site file to the configuration to see it here.');
    const site = await api.getSite(chosen.id);
    const format = createTimeFormat({ timeZone: site.timezone, now });
    const view = createSiteView({
      site,
      format,
      ...(options.floorId ? { initialFloor: options.floorId } : {}),
      ...(options.onFloorChange ? { onFloorChange: options.onFloorChange } : {}),
    });
    let shown = false;
    const sync = startLiveSync({
      streamUrl: api.streamUrl(site.id),
      snapshot: () => api.getLive(site.id),
      onStatus: view.setStatus,
      onLive: (live) => {
        view.update(live);
        if (shown) return;
        shown = true;
        root.replaceChildren(view.element);
        root.removeAttribute('aria-busy');
      },
      now,
      ...(options.EventSource ? { EventSource: options.EventSource } : {}),
    });
    document.title = `${site.name} · Prossima`;
    return {
      close() {
        sync.close();
        view.close();
      },
    };
  } catch (error) {
    return showMessage(root, 'The dashboard could not load', (error as Error).message);
  }
}

function showMessage(root: HTMLElement, title: string, detail: string): DashboardHandle {
  root.replaceChildren(
    html('div', { class: 'message', role: 'alert' }, [
      html('h1', {}, [title]),
      html('p', {}, [detail]),
      html('p', {}, [html('a', { href: '' }, ['Try again'])]),
    ]),
  );
  root.removeAttribute('aria-busy');
  return { close() {} };
}
