import { ageAt, peselBirthDate } from './pesel';

describe('PESEL', () => {
  it('reads the date of birth of valid numbers in every century and rejects bad checksums and dates', () => {
    expect(peselBirthDate('44051401359')?.toISOString().slice(0, 10)).toBe('1944-05-14');
    expect(peselBirthDate('02270803624')?.toISOString().slice(0, 10)).toBe('2002-07-08');
    expect(peselBirthDate('44051401358')).toBeNull(); // checksum
    expect(peselBirthDate('4405140135')).toBeNull(); // length
    expect(peselBirthDate('85023000006')).toBeNull(); // 30 February (checksum valid)
    expect(peselBirthDate('85133000000')).toBeNull(); // month 13
  });

  it('counts full years', () => {
    const birth = new Date(Date.UTC(2010, 5, 15));
    expect(ageAt(birth, new Date(Date.UTC(2026, 5, 14)))).toBe(15);
    expect(ageAt(birth, new Date(Date.UTC(2026, 5, 15)))).toBe(16);
  });
});
