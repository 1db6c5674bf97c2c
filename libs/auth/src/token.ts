import { createHash, randomBytes } from 'node:crypto';

export type TokenPurpose = 'verify_email' | 'reset_password' | 'account_exists';

/** How long a request stays usable, from the moment it is made. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
  // No link is sent for this purpose; the row records that the notice was requested and mailed.
  account_exists: 48 * 3600_000,
};

/** A one-time token for an e-mailed link: 32 random bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, hex. The token itself is never stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
