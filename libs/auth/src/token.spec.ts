import { generateToken, hashToken, TOKEN_LIFETIME_MS } from './token';

describe('one-time tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('are stored as their SHA-256 only', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const t = generateToken();
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
    expect(hashToken(t)).toBe(hashToken(t));
  });

  it('last 48 hours for e-mail verification and one hour for a password reset', () => {
    expect(TOKEN_LIFETIME_MS.verify_email).toBe(48 * 60 * 60 * 1000);
    expect(TOKEN_LIFETIME_MS.reset_password).toBe(60 * 60 * 1000);
  });
});
