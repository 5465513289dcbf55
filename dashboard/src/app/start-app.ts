// The dashboard's shell: reads who the viewer is and which site, keeps one live feed, draws the header
// and mounts the view the address names; language, site and token switch without a page load.
import type { Site } from '../../../protocol/site-model.ts';
import { type ApiClient, ApiError, createApiClient, type SiteListEntry } from '../api-client.ts';
import { html } from '../dom.ts';
import { type Lang, pickLanguage, translator } from '../i18n/messages.ts';
import { createTimeFormat } from '../time-format.ts';
import { type LiveFeedHandle, startLiveFeed } from './live-feed.ts';
import { parseRoute, type RouteName, routeHash } from './router.ts';
import { createShellHeader } from './shell-header.ts';
import { shellMessages } from './shell-messages.ts';
import { createTokenDialog, readSession, TOKEN_KEY } from './token-dialog.ts';
import type { Role, View } from './view.ts';
import { VIEWS } from './views.ts';

const LANG_KEY = 'prossima-lang';

export type AppOptions = {
  root: HTMLElement;
  window?: Window;
  now?: () => number;
};

type Loaded = { sites: SiteListEntry[]; site: Site; feed: LiveFeedHandle };

/**
 * @example const app = await startApp({ root: document.getElementById('app')! }); app.close();
 */
export async function startApp(options: AppOptions): Promise<{ close(): void }> {
  const { root, window: win = globalThis.window, now = Date.now } = options;
  const storage = win.localStorage;
  let token = storage.getItem(TOKEN_KEY) ?? undefined;
  let route = parseRoute(win.location.hash);
  let lang = chooseLanguage();
  let role: Role | undefined;
  let loaded: Loaded | undefined;
  let view: View | undefined;
  let mounting = 0;
  let stopHeaderStatus = () => {};
  const api: ApiClient = createApiClient({ token: () => token });

  function chooseLanguage(): Lang {
    return pickLanguage(win.navigator.languages ?? [], route.params.get('lang') ?? storage.getItem(LANG_KEY));
  }
  const t = () => translator(shellMessages, lang);
  const siteParam = () => new URL(win.location.href).searchParams.get('site');
  const href = (name: RouteName) => routeHash({ name, params: new URLSearchParams() });

  async function load(): Promise<Loaded | 'no-sites'> {
    let session = await readSession(token);
    if (session === 'bad-token') {
      // A revoked token would fail every request, even those a member may make: forget it and say so.
      token = undefined;
      storage.removeItem(TOKEN_KEY);
      queueMicrotask(() => tokenDialog().open(t()('token.bad')));
      session = await readSession(undefined);
    }
    role = session === 'bad-token' ? undefined : (session.role ?? undefined);
    const sites = await api.listSites();
    const chosen = sites.find((s) => s.id === siteParam()) ?? sites[0];
    if (!chosen) return 'no-sites';
    const site = await api.getSite(chosen.id);
    return { sites, site, feed: startLiveFeed({ api, siteId: site.id, now }) };
  }

  async function boot(): Promise<void> {
    loaded?.feed.close();
    loaded = undefined;
    showMessage(t()('loading'));
    try {
      const result = await load();
      if (result === 'no-sites') return showMessage(t()('noSites.title'), t()('noSites.detail'));
      loaded = result;
      await mount();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return showTokenNeeded();
      showMessage(t()('error.title'), (error as Error).message, true);
    }
  }

  async function mount(): Promise<void> {
    if (!loaded) return;
    const ticket = ++mounting;
    view?.close();
    view = undefined;
    // Re-read the model on every view change: an edit saved a moment ago shows on the map.
    const site =
      route.name === 'edit' ? loaded.site : await api.getSite(loaded.site.id).catch(() => loaded?.site);
    if (!site || ticket !== mounting) return;
    loaded.site = site;
    win.document.documentElement.lang = lang;
    const skip = win.document.querySelector('.skip-link');
    if (skip) skip.textContent = t()('skip');
    const context = {
      api,
      site,
      sites: loaded.sites,
      lang,
      format: createTimeFormat({ timeZone: site.timezone, locale: lang === 'it' ? 'it-IT' : 'en-GB', now }),
      live: loaded.feed,
      role,
      now,
      params: route.params,
      setParams: (params: URLSearchParams) => {
        route = { name: route.name, params };
        win.history.replaceState(null, '', routeHash(route));
      },
      askForToken: () => tokenDialog().open(),
    };
    const next = await VIEWS[route.name](context);
    if (ticket !== mounting) return next.close();
    view = next;
    const header = route.name === 'kiosk' ? null : renderHeader(loaded);
    root.replaceChildren(...(header ? [header] : []), next.element);
    root.removeAttribute('aria-busy');
    root.dataset.route = route.name;
    win.document.title = `${t()(`view.${route.name}`)} · ${site.name} · Prossima`;
  }

  function renderHeader({ site, sites, feed }: Loaded): HTMLElement {
    const header = createShellHeader({
      t: t(),
      lang,
      route: route.name,
      siteId: site.id,
      sites,
      role,
      hasToken: token !== undefined,
      href,
      onLanguage: (next) => {
        lang = next;
        storage.setItem(LANG_KEY, next);
        void mount();
      },
      onSite: (siteId) => {
        const url = new URL(win.location.href);
        url.searchParams.set('site', siteId);
        win.history.replaceState(null, '', url);
        void boot();
      },
      onToken: () => tokenDialog().open(),
    });
    stopHeaderStatus();
    stopHeaderStatus = feed.onStatus(header.setStatus);
    return html('div', { class: 'shell-top' }, [header.element]);
  }

  function tokenDialog(message?: string) {
    const dialog = createTokenDialog({
      t: t(),
      current: token,
      onChange: (next) => {
        token = next;
        if (next) storage.setItem(TOKEN_KEY, next);
        else storage.removeItem(TOKEN_KEY);
        dialog.element.remove();
        void boot();
      },
    });
    win.document.body.append(dialog.element);
    dialog.element.addEventListener('close', () => dialog.element.remove());
    if (message) queueMicrotask(() => dialog.open(message));
    return dialog;
  }

  function showTokenNeeded(): void {
    const button = html('button', { type: 'button', class: 'button button--primary' }, [t()('token.button')]);
    button.addEventListener('click', () => tokenDialog().open(t()('token.noAccess')));
    root.replaceChildren(
      html('main', { id: 'main', class: 'message', role: 'alert' }, [
        html('h1', {}, [t()('token.title')]),
        html('p', {}, [t()('token.noAccess')]),
        html('p', {}, [button]),
      ]),
    );
    root.removeAttribute('aria-busy');
  }

  function showMessage(title: string, detail?: string, retry = false): void {
    root.replaceChildren(
      html('main', { id: 'main', class: 'message', role: title === t()('loading') ? 'status' : 'alert' }, [
        html('h1', {}, [title]),
        detail ? html('p', {}, [detail]) : null,
        retry ? html('p', {}, [html('a', { href: '' }, [t()('error.retry')])]) : null,
      ]),
    );
  }

  const onHash = () => {
    const next = parseRoute(win.location.hash);
    const same = next.name === route.name && next.params.toString() === route.params.toString();
    route = next;
    if (!same) {
      lang = chooseLanguage();
      void mount();
    }
  };
  win.addEventListener('hashchange', onHash);
  await boot();
  return {
    close() {
      win.removeEventListener('hashchange', onHash);
      mounting++;
      view?.close();
      loaded?.feed.close();
    },
  };
}
