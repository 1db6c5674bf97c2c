import { ageAt, peselBirthDate } from './pesel';
import { normalisedIdentity, voterKey } from './voter-key';

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

describe('voter key', () => {
  it('is one key per person: case, spaces and Unicode forms normalised, diacritics kept, area ignored', () => {
    const a = { firstName: ' Łucja ', lastName: 'Kowalska  Nowak', email: 'Lucja@Example.pl' };
    const b = { firstName: 'łucja', lastName: 'KOWALSKA NOWAK', email: 'lucja@example.pl ' };
    expect(normalisedIdentity(a)).toBe(normalisedIdentity(b));
    expect(normalisedIdentity({ ...a, firstName: 'Lucja' })).not.toBe(normalisedIdentity(a));
    expect(normalisedIdentity({ ...a, firstName: 'Łucja'.normalize('NFD') })).toBe(normalisedIdentity(a));
    expect(voterKey('s'.repeat(32), 'e1', a)).toBe(voterKey('s'.repeat(32), 'e1', b));
    expect(voterKey('s'.repeat(32), 'e1', a)).not.toBe(voterKey('s'.repeat(32), 'e2', a));
    expect(voterKey('s'.repeat(32), 'e1', { ...a, pesel: '44051401359' })).toBe(
      voterKey('s'.repeat(32), 'e1', { firstName: 'X', lastName: 'Y', pesel: '44051401359' }),
    );
  });
});
