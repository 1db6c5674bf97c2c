import { isEmail } from 'class-validator';

export const EMAIL_MAX_LENGTH = 254;

/** Addresses are stored trimmed and lower-cased (the database checks email = lower(email)). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The same test the request DTOs apply, for callers outside HTTP (the CLI). */
export function isValidEmail(email: string): boolean {
  return email.length >= 3 && email.length <= EMAIL_MAX_LENGTH && isEmail(email);
}
