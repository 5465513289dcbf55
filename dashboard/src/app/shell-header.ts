// The header every view but the kiosk shares: where am I (brand, site), where can I go (views), and
// the page's settings (language, token), with the live connection's state.
import type { SiteListEntry } from '../api-client.ts';
import { type ConnectionStatus, createConnectionBadge } from '../connection-badge.ts';
import { html } from '../dom.ts';
import { LANGS, type Lang, type Translate } from '../i18n/messages.ts';
import type { RouteName } from './router.ts';
import type { shellMessages } from './shell-messages.ts';
import type { Role } from './view.ts';

type ShellKey = keyof (typeof shellMessages)['en'];

/** The views in the navigation, in order; the kiosk is opened on the entrance screen by its address. */
const NAV: readonly RouteName[] = ['live', 'find', 'planner', 'manage', 'edit'];
const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', it: 'Italiano' };

export type ShellHeaderOptions = {
  t: Translate<ShellKey>;
  lang: Lang;
  route: RouteName;
  siteId: string;
  sites: readonly SiteListEntry[];
  role: Role | undefined;
  hasToken: boolean;
  /** The address of a view, keeping the site and language of the page. */
  href: (route: RouteName) => string;
  onLanguage: (lang: Lang) => void;
  onSite: (siteId: string) => void;
  onToken: () => void;
};

export function createShellHeader(options: ShellHeaderOptions) {
  const { t } = options;
  const badge = createConnectionBadge({
    connecting: t('connection.connecting'),
    live: t('connection.live'),
    reconnecting: t('connection.reconnecting'),
  });
  const element = html('header', { class: 'shell-header' }, [
    html('a', { class: 'shell-brand', href: options.href('live') }, [
      html('span', { class: 'shell-logo', 'aria-hidden': 'true' }),
      t('brand'),
    ]),
    navigation(options),
    html('div', { class: 'shell-settings' }, [
      siteSelect(options),
      languageSelect(options),
      tokenButton(options),
      badge.element,
    ]),
  ]);
  return { element, setStatus: (status: ConnectionStatus) => badge.set(status) };
}

function navigation({ t, route, href }: ShellHeaderOptions): HTMLElement {
  const links = NAV.map((name) =>
    html('li', {}, [
      html(
        'a',
        { href: href(name), 'aria-current': name === route ? 'page' : undefined, 'data-route': name },
        [t(`view.${name}`)],
      ),
    ]),
  );
  return html('nav', { class: 'shell-nav', 'aria-label': t('views') }, [html('ul', {}, links)]);
}

function siteSelect({ t, sites, siteId, onSite }: ShellHeaderOptions): HTMLElement | null {
  if (sites.length < 2) return null;
  const select = html(
    'select',
    { id: 'site-select', 'data-testid': 'site-select' },
    sites.map((site) => html('option', { value: site.id, selected: site.id === siteId }, [site.name])),
  );
  select.addEventListener('change', () => onSite(select.value));
  return html('div', { class: 'shell-field' }, [html('label', { for: 'site-select' }, [t('site')]), select]);
}

function languageSelect({ t, lang, onLanguage }: ShellHeaderOptions): HTMLElement {
  const select = html(
    'select',
    { id: 'lang-select', 'data-testid': 'lang-select' },
    LANGS.map((code) =>
      html('option', { value: code, lang: code, selected: code === lang }, [LANGUAGE_NAMES[code]]),
    ),
  );
  select.addEventListener('change', () => onLanguage(select.value as Lang));
  return html('div', { class: 'shell-field' }, [
    html('label', { for: 'lang-select' }, [t('language')]),
    select,
  ]);
}

function tokenButton({ t, role, hasToken, onToken }: ShellHeaderOptions): HTMLElement {
  const label = hasToken && role ? t('token.signedIn', { role: t(`role.${role}`) }) : t('token.button');
  const button = html(
    'button',
    { type: 'button', class: 'button shell-token', 'data-testid': 'token-button' },
    [label],
  );
  button.addEventListener('click', onToken);
  return button;
}
