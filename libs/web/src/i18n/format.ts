import type { Locale } from '@civitas/common';

/** Every date and time is shown in the city's time zone, whatever the server's. */
export const TIME_ZONE = 'Europe/Warsaw';

const INTL_LOCALE: Record<Locale, string> = { pl: 'pl-PL', en: 'en-GB' };

function perLocale<T>(make: (intl: string) => T): Record<Locale, T> {
  return { pl: make(INTL_LOCALE.pl), en: make(INTL_LOCALE.en) };
}

const dateFormat = perLocale((l) => new Intl.DateTimeFormat(l, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }));
const dateTimeFormat = perLocale(
  (l) => new Intl.DateTimeFormat(l, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
);
const isoDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const numberFormat = perLocale((l) => new Intl.NumberFormat(l));
const moneyWhole = perLocale((l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'PLN', minimumFractionDigits: 0, maximumFractionDigits: 0 }));
const moneyExact = perLocale((l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'PLN', minimumFractionDigits: 2, maximumFractionDigits: 2 }));

type DateLike = Date | string | number;
const toDate = (d: DateLike): Date => (d instanceof Date ? d : new Date(d));

/** "5 grudnia 2026" / "5 December 2026" (Europe/Warsaw). */
export function formatDate(locale: Locale, d: DateLike): string {
  return dateFormat[locale].format(toDate(d));
}

/** "5 grudnia 2026 o 14:30" / "5 December 2026 at 14:30" (Europe/Warsaw). */
export function formatDateTime(locale: Locale, d: DateLike): string {
  return dateTimeFormat[locale].format(toDate(d));
}

/** The calendar day in Warsaw as YYYY-MM-DD, for <time datetime>. */
export function isoDate(d: DateLike): string {
  return isoDateFormat.format(toDate(d));
}

export function formatNumber(locale: Locale, n: number | bigint): string {
  return numberFormat[locale].format(n);
}

/**
 * Money from integer grosze (number, bigint or a decimal string as PostgreSQL returns bigint): "1 240 000 zł" when
 * whole, "12,50 zł" otherwise; "PLN 1,240,000" in English. Exact for any size (no floating point).
 */
export function formatMoney(locale: Locale, grosze: number | bigint | string): string {
  const g = BigInt(grosze);
  const negative = g < 0n;
  const abs = negative ? -g : g;
  const zl = abs / 100n;
  const gr = abs % 100n;
  if (gr === 0n) return moneyWhole[locale].format(negative ? -zl : zl);
  // Intl formats a decimal string exactly.
  const decimal = `${negative ? '-' : ''}${zl}.${gr.toString().padStart(2, '0')}`;
  return moneyExact[locale].format(decimal as unknown as number);
}

/** A file's size as people read it: "830 B", "12 kB", "1,4 MB". */
export function fileSize(locale: 'pl' | 'en', bytes: number): string {
  if (bytes < 1000) return `${formatNumber(locale, bytes)} B`;
  if (bytes < 1_000_000) return `${formatNumber(locale, Math.round(bytes / 1000))} kB`;
  return `${new Intl.NumberFormat(locale === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 1 }).format(bytes / 1_000_000)} MB`;
}
