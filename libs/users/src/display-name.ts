import { plainText } from '@civitas/common';
import { UsersError } from './users.errors';

export const DISPLAY_NAME_MAX_LENGTH = 100;

/**
 * A display name as it is stored: plain text (tags taken out, NFC, trimmed: see plainText), like every name shown
 * to other people. One with nothing left, or too long, is refused (422 on `displayName`).
 */
export function displayNameOf(raw: string): string {
  const name = plainText(raw);
  if (!name || name.length > DISPLAY_NAME_MAX_LENGTH) throw UsersError.invalidDisplayName(DISPLAY_NAME_MAX_LENGTH);
  return name;
}
