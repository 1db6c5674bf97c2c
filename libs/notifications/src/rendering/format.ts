import type { Locale } from '@civitas/common';

const TIME_ZONE = 'Europe/Warsaw';
const INTL_LOCALE: Record<Locale, string> = { pl: 'pl-PL', en: 'en-GB' };

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

function cached(map: Map<Locale, Intl.DateTimeFormat>, locale: Locale, options: Intl.DateTimeFormatOptions) {
  let f = map.get(locale);
  if (!f) map.set(locale, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale], options)));
  return f;
}

function parts(f: Intl.DateTimeFormat, d: Date): Record<string, string> {
  return Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
}

function toDate(iso: string): Date {
  const d = new Date(iso);
  if (typeof iso !== 'string' || Number.isNaN(d.getTime())) throw new Error(`Not an ISO date: ${String(iso)}`);
  return d;
}

/** ISO 8601 instant → "1 grudnia 2026, 10:00" / "1 December 2026, 10:00" (Europe/Warsaw). */
export function formatDateTime(iso: string, locale: Locale): string {
  const p = parts(
    cached(dateTimeFormats, locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    }),
    toDate(iso),
  );
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}

/** A calendar day (YYYY-MM-DD) → "1 grudnia 2026" / "1 December 2026". */
export function formatDay(day: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`Not a YYYY-MM-DD day: ${String(day)}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  const p = parts(cached(dayFormats, locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }), d);
  return `${p.day} ${p.month} ${p.year}`;
}

/** Integer grosze → "1 234,56 zł" (pl) / "PLN 1,234.56" (en), with integer arithmetic only. */
export function formatMoney(grosze: string | number | bigint, locale: Locale): string {
  const s = String(grosze).trim();
  if (!/^-?\d+$/.test(s)) throw new Error(`Not an integer amount of grosze: ${s}`);
  const value = BigInt(s);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const zloty = (abs / 100n).toString();
  const grosz = (abs % 100n).toString().padStart(2, '0');
  const sign = negative ? '-' : '';
  if (locale === 'pl') return `${sign}${group(zloty, ' ')},${grosz} zł`;
  return `${sign}PLN ${group(zloty, ',')}.${grosz}`;
}

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, separator);
}
