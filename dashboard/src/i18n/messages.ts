// Every string the dashboard shows, in Italian and English: each part of the page defines its own
// messages with defineMessages(), and TypeScript refuses an Italian table that misses an English key.

export const LANGS = ['en', 'it'] as const;
export type Lang = (typeof LANGS)[number];

/** A message is text with `{name}` holes, or plural forms chosen by the `count` parameter. */
export type Message = string | { one: string; other: string };
export type Messages<K extends string> = Readonly<Record<K, Message>>;
export type Catalog<K extends string> = Readonly<Record<Lang, Messages<K>>>;

export type Params = Readonly<Record<string, string | number>>;
/** Translates a key of one catalog into the page's language; numbers in params are formatted for it. */
export type Translate<K extends string> = (key: K, params?: Params) => string;

/**
 * @example const messages = defineMessages({ free: '{count} free' }, { free: '{count} liberi' });
 */
export function defineMessages<const K extends string>(
  en: Messages<K>,
  it: NoInfer<Messages<K>>,
): Catalog<K> {
  return { en, it };
}

/**
 * @example translator(messages, 'it')('free', { count: 1200 }) // '1.200 liberi'
 */
export function translator<K extends string>(catalog: Catalog<K>, lang: Lang): Translate<K> {
  const numbers = new Intl.NumberFormat(lang);
  const plurals = new Intl.PluralRules(lang);
  return (key, params = {}) => {
    const message = catalog[lang][key];
    const count = params.count;
    const text =
      typeof message === 'string'
        ? message
        : typeof count === 'number' && plurals.select(count) === 'one'
          ? message.one
          : message.other;
    return text.replace(/\{(\w+)\}/g, (hole, name: string) => {
      const value = params[name];
      if (value === undefined) return hole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}

/** The first of the browser's languages that the dashboard speaks; English otherwise. */
export function pickLanguage(preferred: readonly string[], stored?: string | null): Lang {
  for (const candidate of [stored, ...preferred]) {
    const base = candidate?.toLowerCase().split('-')[0];
    const known = LANGS.find((lang) => lang === base);
    if (known) return known;
  }
  return 'en';
}
