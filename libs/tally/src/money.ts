/**
 * Money is held as integer grosze (1/100 PLN) in a bigint, so that budgets and costs with decimals are exact.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Parses a decimal amount such as `2838616.34`, `120000` or `15.5` into grosze. Returns null when malformed. */
export function parseMoney(text: string): bigint | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length > 2) {
    // More than two decimals is accepted only when the extra digits are zeros (e.g. `100.000`).
    if (!/^0*$/.test(fraction.slice(2))) return null;
  }
  const grosze = BigInt(whole) * 100n + BigInt((fraction.slice(0, 2) + '00').slice(0, 2));
  return sign === '-' ? -grosze : grosze;
}

/** Formats grosze as a PLN decimal string with two decimals: `283861634n` → `"2838616.34"`. */
export function formatMoney(grosze: bigint): string {
  const neg = grosze < 0n;
  const abs = neg ? -grosze : grosze;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** Formats grosze the way Pabulib files write amounts: no decimals when the amount is whole PLN. */
export function formatMoneyCompact(grosze: bigint): string {
  return grosze % 100n === 0n ? (grosze / 100n).toString() : formatMoney(grosze);
}

/**
 * Formats an exact fraction of grosze (num/den) as PLN with `digits` decimals, rounded half away from zero.
 * Used for display only; decisions never go through it.
 */
export function formatFraction(num: bigint, den: bigint, digits = 2): string {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const neg = num < 0n;
  const abs = neg ? -num : num;
  // PLN = grosze / 100; keep `digits` decimals.
  const scale = 10n ** BigInt(digits);
  const scaledDen = den * 100n;
  const q = (abs * scale * 2n + scaledDen) / (scaledDen * 2n);
  const whole = q / scale;
  const frac = digits > 0 ? '.' + (q % scale).toString().padStart(digits, '0') : '';
  return `${neg && q !== 0n ? '-' : ''}${whole}${frac}`;
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
