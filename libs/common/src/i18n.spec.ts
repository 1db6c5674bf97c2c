import { format, pickLocale } from './i18n';

describe('pickLocale', () => {
  it.each([
    [undefined, 'pl'],
    ['', 'pl'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5,pl;q=0.8', 'pl'],
    ['de-DE,en;q=0.5', 'en'],
    ['fr', 'pl'],
    ['pl;q=0,en;q=0.1', 'en'],
    [['en-US', 'pl'], 'en'],
  ])('%j → %s', (header, locale) => {
    expect(pickLocale(header as string | string[] | undefined)).toBe(locale);
  });
});

describe('format', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(format('Pole {field} musi mieć co najmniej {n} znaków {x}', { field: 'hasło', n: 10 })).toBe('Pole hasło musi mieć co najmniej 10 znaków {x}');
  });
});
