import { texts } from '@civitas/web';

/** Texts of the administration's page of an account acting for an organisation (NGO). */
export const OG = texts({
  title: { pl: 'Organizacja pozarządowa', en: 'Non-governmental organisation' },
  lead: {
    pl: 'Konto zarejestrowane jako konto organizacji może brać udział w konsultacjach tylko dla organizacji, a jego uwagi są podpisane nazwą organizacji. Ponowny zapis zmienia nazwę lub numer KRS.',
    en: 'An account registered as an organisation’s may take part in consultations for organisations only, and its comments carry the organisation’s name. Saving again changes the name or KRS number.',
  },
  current: { pl: 'Obecnie: {name}, KRS {krs}.', en: 'Now: {name}, KRS {krs}.' },
  none: { pl: 'To konto nie jest jeszcze kontem organizacji.', en: 'This account is not an organisation’s yet.' },
  name: { pl: 'Nazwa organizacji', en: 'Organisation name' },
  krs: { pl: 'Numer KRS', en: 'KRS number' },
  krsHint: { pl: '10 cyfr z Krajowego Rejestru Sądowego, np. 0000123456.', en: '10 digits from the National Court Register, e.g. 0000123456.' },
  krsInvalid: { pl: 'Numer KRS to 10 cyfr, np. 0000123456.', en: 'A KRS number is 10 digits, e.g. 0000123456.' },
  save: { pl: 'Zapisz organizację', en: 'Save the organisation' },
  saved: { pl: 'Zapisano organizację „{name}”.', en: 'The organisation “{name}” was saved.' },
  back: { pl: 'Wróć do konta', en: 'Back to the account' },
  accounts: { pl: 'Konta i role', en: 'Accounts and roles' },
});
