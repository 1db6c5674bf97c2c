/** PESEL (Polish national identification number): checksum and the encoded date of birth. */
const WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/** The date of birth a valid PESEL encodes (UTC midnight), or null when the number is not a valid PESEL. */
export function peselBirthDate(pesel: string): Date | null {
  if (!/^\d{11}$/.test(pesel)) return null;
  const d = [...pesel].map(Number);
  const sum = WEIGHTS.reduce((s, w, i) => s + w * d[i], 0);
  if ((10 - (sum % 10)) % 10 !== d[10]) return null;
  const yy = d[0] * 10 + d[1];
  let mm = d[2] * 10 + d[3];
  const dd = d[4] * 10 + d[5];
  // Months 81–92: 1800s, 1–12: 1900s, 21–32: 2000s, 41–52: 2100s, 61–72: 2200s.
  const centuries: Array<[number, number]> = [
    [80, 1800],
    [0, 1900],
    [20, 2000],
    [40, 2100],
    [60, 2200],
  ];
  const c = centuries.find(([off]) => mm > off && mm <= off + 12);
  if (!c) return null;
  mm -= c[0];
  const year = c[1] + yy;
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return null;
  return date;
}

/** Full years between a date of birth and `at`. */
export function ageAt(birth: Date, at: Date): number {
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  if (at.getUTCMonth() < birth.getUTCMonth() || (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate())) age -= 1;
  return age;
}
