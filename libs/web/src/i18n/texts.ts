import { format, type Locale, type Text } from '@civitas/common';

/**
 * A lib's catalog of page texts: every entry in Polish and English, checked by the compiler. Entries with
 * `{name}` placeholders are filled by `tr`.
 *
 *   export const T = texts({ signIn: { pl: 'Zaloguj się', en: 'Sign in' } });
 *   tr(locale, T.signIn)
 */
export function texts<K extends string>(catalog: Record<K, Text>): Readonly<Record<K, Text>> {
  return Object.freeze(catalog);
}

/** The text in the locale, with `{name}` placeholders filled. */
export function tr(locale: Locale, text: Text, params?: Record<string, string | number>): string {
  return params ? format(text[locale], params) : text[locale];
}

/** The text in both languages with its placeholders filled (a flash message is kept in both); a param may be a text. */
export function textWith(text: Text, params: Record<string, string | Text>): Text {
  const pick = (l: Locale) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : v[l]]));
  return { pl: format(text.pl, pick('pl')), en: format(text.en, pick('en')) };
}

/**
 * Plural forms: Polish needs one / few / many (1 głos, 2 głosy, 5 głosów, 22 głosy, 25 głosów); `other` is for
 * fractions. English needs one / other. `{n}` is replaced by the formatted number.
 */
export interface PluralText {
  pl: { one: string; few: string; many: string; other?: string };
  en: { one: string; other: string };
}

const pluralRules: Record<Locale, Intl.PluralRules> = { pl: new Intl.PluralRules('pl-PL'), en: new Intl.PluralRules('en-GB') };
const integer: Record<Locale, Intl.NumberFormat> = { pl: new Intl.NumberFormat('pl-PL'), en: new Intl.NumberFormat('en-GB') };

/** "1 głos", "2 głosy", "5 głosów"; "1 vote", "2 votes". */
export function plural(locale: Locale, n: number, forms: PluralText): string {
  const category = pluralRules[locale].select(n);
  const set = forms[locale] as Record<string, string | undefined>;
  const pattern = set[category] ?? (locale === 'pl' ? (set.other ?? set.many) : set.other) ?? '';
  return pattern.replace(/\{n\}/g, integer[locale].format(n));
}

export function plurals<K extends string>(catalog: Record<K, PluralText>): Readonly<Record<K, PluralText>> {
  return Object.freeze(catalog);
}
