import { safeNext } from './safe-next';

describe('safeNext: only paths on this site', () => {
  it.each([
    ['/account', '/account'],
    ['/budget/abc?page=2#projects', '/budget/abc?page=2#projects'],
    ['/a/../account', '/account'],
  ])('keeps %s', (next, kept) => expect(safeNext(next)).toBe(kept));

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    '/%2F%2Fevil.example',
    '/ok\nLocation: https://evil.example',
    'account',
    '',
    'x'.repeat(2001),
  ])('refuses %j', (next) => expect(safeNext(next)).toBe('/'));

  it('gives the fallback for anything but a string', () => {
    expect(safeNext(undefined, '/account')).toBe('/account');
    expect(safeNext(['/a', '/b'])).toBe('/');
  });
});
