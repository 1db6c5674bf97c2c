import { loadConfig } from '@civitas/config';
import { EmailFolding, mailboxKey, normaliseEmail, normalisedIdentity, voterKey } from './voter-key';

const FOLD: EmailFolding = { foldPlus: true, foldDotsDomains: ['gmail.com', 'googlemail.com'] };
const SECRET = 's'.repeat(32);

describe('normaliseEmail', () => {
  it('lower-cases, trims and NFC-normalises; folds plus-tags everywhere and dots at the providers named', () => {
    expect(normaliseEmail('  Ala.Kot@Example.PL ', FOLD)).toBe('ala.kot@example.pl');
    expect(normaliseEmail('ala.kot+bo2027@example.pl', FOLD)).toBe('ala.kot@example.pl');
    expect(normaliseEmail('A.la.K.ot+x+y@GMAIL.com', FOLD)).toBe('alakot@gmail.com');
    expect(normaliseEmail('alakot@googlemail.com', FOLD)).toBe('alakot@gmail.com');
    expect(normaliseEmail('ala.kot@gmail.com.', FOLD)).toBe('alakot@gmail.com');
    expect(normaliseEmail('łucja@example.pl'.normalize('NFD'), FOLD)).toBe('łucja@example.pl');
    // Internationalised domains in either form are one domain.
    expect(normaliseEmail('ala@żółw.pl', FOLD)).toBe(normaliseEmail('ala@xn--w-uga1v8h.pl', FOLD));
    // A local part that is only a tag is left alone.
    expect(normaliseEmail('+ala@example.pl', FOLD)).toBe('+ala@example.pl');
  });

  it('folds nothing the city has not configured', () => {
    const none: EmailFolding = { foldPlus: false, foldDotsDomains: [] };
    expect(normaliseEmail('Ala.Kot+bo@gmail.com', none)).toBe('ala.kot+bo@gmail.com');
    expect(normaliseEmail('ala.kot@googlemail.com', none)).toBe('ala.kot@gmail.com');
  });
});

describe('voter key', () => {
  const emailCode = { methods: ['email_code'], email: FOLD };
  const account = { methods: ['account'], email: FOLD };

  it('under email_code the mailbox alone is the voter: names and address variants do not make another voter', () => {
    const a = { firstName: 'Ewa', lastName: 'Kowalska', email: 'ewa.kowalska@gmail.com' };
    for (const other of [
      { firstName: 'Jan', lastName: 'Nowak', email: 'ewa.kowalska@gmail.com' },
      { firstName: 'Ewa', lastName: 'Kowalska', email: 'EwaKowalska+bo@googlemail.com' },
    ])
      expect(voterKey(SECRET, 'e1', other, emailCode)).toBe(voterKey(SECRET, 'e1', a, emailCode));
    expect(normalisedIdentity(a, emailCode)).toBe('email:ewakowalska@gmail.com');
    expect(voterKey(SECRET, 'e1', a, emailCode)).not.toBe(voterKey(SECRET, 'e2', a, emailCode));
    // A signed-in voter with an address is keyed by the address too, so a paper sheet with it is the same voter.
    expect(normalisedIdentity({ ...a, userId: 'u1' }, emailCode)).toBe('email:ewakowalska@gmail.com');
  });

  it('PESEL, when collected, is strongest; then the address; then the account; names only without any of them', () => {
    const a = { firstName: ' Łucja ', lastName: 'Kowalska  Nowak', email: 'Lucja@Example.pl', userId: 'u1' };
    expect(voterKey(SECRET, 'e1', { ...a, pesel: '44051401359' }, emailCode)).toBe(
      voterKey(SECRET, 'e1', { firstName: 'X', lastName: 'Y', pesel: '44051401359' }, emailCode),
    );
    expect(normalisedIdentity(a, account)).toBe('account:u1');
    expect(normalisedIdentity({ ...a, firstName: 'Jerzy', email: 'jerzy@example.pl' }, account)).toBe('account:u1');
    // A paper sheet (no account) without an address: names, normalised; diacritics kept.
    const paper = { firstName: ' Łucja ', lastName: 'Kowalska  Nowak' };
    expect(normalisedIdentity(paper, emailCode)).toBe(normalisedIdentity({ firstName: 'ŁUCJA', lastName: 'kowalska nowak' }, emailCode));
    expect(normalisedIdentity({ ...paper, firstName: 'Łucja'.normalize('NFD') }, emailCode)).toBe(normalisedIdentity(paper, emailCode));
    expect(normalisedIdentity({ ...paper, firstName: 'Lucja' }, emailCode)).not.toBe(normalisedIdentity(paper, emailCode));
    // A policy without email_code keeps names and address together for a paper sheet.
    expect(normalisedIdentity({ ...paper, email: 'Lucja@Example.pl ' }, account)).toBe('person:łucja|kowalska nowak|lucja@example.pl');
  });

  it('the mailbox key of code mails folds the address the same way and holds no address in the clear', () => {
    expect(mailboxKey(SECRET, 'Ala.Kot+1@gmail.com', FOLD)).toBe(mailboxKey(SECRET, 'alakot@googlemail.com', FOLD));
    expect(mailboxKey(SECRET, 'ala@example.pl', FOLD)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('voting configuration', () => {
  const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(48), DATABASE_EMBEDDED_DIR: 'memory' };

  it('has defaults: plus-tags folded, dots at Gmail, 60 ballots per IP and minute, 6 codes per address and hour', () => {
    expect(loadConfig(base, '/tmp').voting).toMatchObject({
      email: { foldPlus: true, foldDotsDomains: ['gmail.com', 'googlemail.com'] },
      ipLimitPerMinute: 60,
      codesPerAddressPerHour: 6,
    });
    const off = loadConfig(
      {
        ...base,
        VOTING_EMAIL_FOLD_PLUS: 'false',
        VOTING_EMAIL_FOLD_DOTS_DOMAINS: 'none',
        VOTING_IP_LIMIT_PER_MINUTE: '0',
        VOTING_CODES_PER_ADDRESS_PER_HOUR: '0',
      },
      '/tmp',
    ).voting;
    expect(off).toMatchObject({ email: { foldPlus: false, foldDotsDomains: [] }, ipLimitPerMinute: 0, codesPerAddressPerHour: 0 });
  });

  it('refuses a bad value by the variable’s name', () => {
    expect(() => loadConfig({ ...base, VOTING_IP_LIMIT_PER_MINUTE: 'many' }, '/tmp')).toThrow(/VOTING_IP_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ ...base, VOTING_EMAIL_FOLD_PLUS: 'yes' }, '/tmp')).toThrow(/VOTING_EMAIL_FOLD_PLUS/);
    expect(() => loadConfig({ ...base, VOTING_EMAIL_FOLD_DOTS_DOMAINS: 'gmail' }, '/tmp')).toThrow(/VOTING_EMAIL_FOLD_DOTS_DOMAINS/);
    expect(() => loadConfig({ ...base, VOTING_CODES_PER_ADDRESS_PER_HOUR: '-1' }, '/tmp')).toThrow(/VOTING_CODES_PER_ADDRESS_PER_HOUR/);
  });
});
