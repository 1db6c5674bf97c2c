import type { Locale } from '@civitas/common';

export type AmountProblem = 'missing' | 'format' | 'zero' | 'too_large';

/**
 * An amount as a person types it in złoty — "1500", "1 500", "1500,50", "1.500,50", "1,500.50", "1500 zł" — as
 * integer grosze (an ambiguous "1,500" is refused rather than guessed), or what is wrong with it. At most two decimal places; never above Number.MAX_SAFE_INTEGER grosze.
 */
export function parseZloty(raw: string): { grosze: number } | { problem: AmountProblem } {
  const s = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(zł|zl|pln)$/i, '')
    .replace(/^(pln)/i, '');
  if (s === '') return { problem: 'missing' };
  let whole: string;
  let frac: string;
  let m: RegExpExecArray | null;
  // Thousands separators only where they cannot be read as a decimal point: "1,500" or "12.345" alone are refused
  // (is it 1500 or 1.5?), "1 500", "1.500.000", "1.500,50" and "1,500.50" are not.
  if ((m = /^(\d{1,3}(?:,\d{3}){2,})(?:\.(\d{1,2}))?$/.exec(s)) || (m = /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/.exec(s))) {
    whole = m[1].replace(/,/g, '');
    frac = m[2] ?? '';
  } else if ((m = /^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d{1,2}))?$/.exec(s)) || (m = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(s))) {
    whole = m[1].replace(/\./g, '');
    frac = m[2] ?? '';
  } else if ((m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s))) {
    whole = m[1];
    frac = m[2] ?? '';
  } else {
    return { problem: 'format' };
  }
  // More than 17 digits of złoty is beyond any amount (and beyond safe integers of grosze): no need to read it.
  if (whole.replace(/^0+/, '').length > 17) return { problem: 'too_large' };
  const grosze = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0') || '0');
  if (grosze === 0n) return { problem: 'zero' };
  if (grosze > BigInt(Number.MAX_SAFE_INTEGER)) return { problem: 'too_large' };
  return { grosze: Number(grosze) };
}

/** Grosze as a person would type them back into the amount field: "1500", "1500,50" (Polish), "1500.50" (English). */
export function zlotyInput(grosze: number, locale: Locale): string {
  const g = BigInt(grosze);
  const whole = (g / 100n).toString();
  const frac = g % 100n;
  if (frac === 0n) return whole;
  return `${whole}${locale === 'pl' ? ',' : '.'}${frac.toString().padStart(2, '0')}`;
}
