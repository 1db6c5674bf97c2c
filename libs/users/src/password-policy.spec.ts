import { checkPassword, PasswordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts 10 to 128 characters that are not the e-mail address', () => {
    expect(checkPassword('a'.repeat(10), 'ala@example.pl')).toEqual([]);
    expect(checkPassword('a'.repeat(128), 'ala@example.pl')).toEqual([]);
    expect(checkPassword('zażółć gęślą jaźń', 'ala@example.pl')).toEqual([]);
  });

  it('rejects a password shorter than 10 or longer than 128 characters', () => {
    expect(checkPassword('a'.repeat(9), 'ala@example.pl')).toEqual([PasswordProblem.TooShort]);
    expect(checkPassword('', 'ala@example.pl')).toEqual([PasswordProblem.TooShort]);
    expect(checkPassword('a'.repeat(129), 'ala@example.pl')).toEqual([PasswordProblem.TooLong]);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    // Nine emoji are 18 UTF-16 units but nine characters.
    expect(checkPassword('😀'.repeat(9), 'ala@example.pl')).toEqual([PasswordProblem.TooShort]);
    expect(checkPassword('ż'.repeat(10), 'ala@example.pl')).toEqual([]);
    // A decomposed letter (z + combining dot) is one character after NFC.
    expect(checkPassword('z\u0307'.repeat(10), 'ala@example.pl')).toEqual([]);
  });

  it('rejects the e-mail address as a password, whatever its case and surrounding spaces', () => {
    expect(checkPassword('anna.nowak@example.pl', 'anna.nowak@example.pl')).toEqual([PasswordProblem.EqualsEmail]);
    expect(checkPassword(' Anna.Nowak@Example.PL ', 'anna.nowak@example.pl')).toEqual([PasswordProblem.EqualsEmail]);
    expect(checkPassword('a@b.pl', 'a@b.pl')).toEqual([PasswordProblem.TooShort, PasswordProblem.EqualsEmail]);
  });
});
