import type { Text } from '@civitas/common';
import { normaliseEmail } from './email';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export enum PasswordProblem {
  TooShort = 'password_too_short',
  TooLong = 'password_too_long',
  EqualsEmail = 'password_equals_email',
}

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, Text> = {
  [PasswordProblem.TooShort]: {
    pl: `Hasło musi mieć co najmniej ${PASSWORD_MIN_LENGTH} znaków.`,
    en: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  },
  [PasswordProblem.TooLong]: {
    pl: `Hasło może mieć najwyżej ${PASSWORD_MAX_LENGTH} znaków.`,
    en: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  },
  [PasswordProblem.EqualsEmail]: {
    pl: 'Hasło nie może być takie samo jak adres e-mail.',
    en: 'The password must not be the same as the e-mail address.',
  },
};

/** Length in characters (code points), so that a Polish letter or an emoji counts once. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC')].length;
}

/**
 * The password policy: 10–128 characters and not the account's e-mail address (compared case-insensitively,
 * ignoring surrounding spaces). Returns every problem found; an empty list means the password is acceptable.
 */
export function checkPassword(password: string, email: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) problems.push(PasswordProblem.TooShort);
  if (length > PASSWORD_MAX_LENGTH) problems.push(PasswordProblem.TooLong);
  if (email && normaliseEmail(password) === normaliseEmail(email)) problems.push(PasswordProblem.EqualsEmail);
  return problems;
}
