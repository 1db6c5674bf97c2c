import { createHmac } from 'node:crypto';

/** What identifies one person in one edition. */
export interface KeyedIdentity {
  firstName: string;
  lastName: string;
  email?: string | null;
  pesel?: string | null;
  userId?: string | null;
}

/** Trims, collapses inner white space, NFC-normalises and lower-cases (Polish letters kept: "Łukasz" ≠ "Lukasz"). */
export const normaliseText = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');

/**
 * The normalised identity behind a voter key, by strength of proof:
 * - `pesel:<11 digits>` when a PESEL is given (one per person for life);
 * - `account:<user id>` for a signed-in voter without PESEL when no e-mail is given;
 * - `person:<first name>|<last name>|<e-mail>` otherwise — names and the (confirmed) e-mail address, normalised as
 *   in `normaliseText`. The area is left out on purpose: a person who declares another area is still one person.
 */
export function normalisedIdentity(id: KeyedIdentity): string {
  if (id.pesel) return `pesel:${id.pesel}`;
  if (!id.email && id.userId) return `account:${id.userId}`;
  return `person:${normaliseText(id.firstName)}|${normaliseText(id.lastName)}|${normaliseText(id.email ?? '')}`;
}

/** HMAC-SHA256(secret, edition id + NUL + normalised identity), hex. Never a plain hash: PESELs are few enough to brute-force. */
export function voterKey(secret: string, editionId: string, id: KeyedIdentity): string {
  return createHmac('sha256', secret)
    .update(`${editionId}\u0000${normalisedIdentity(id)}`)
    .digest('hex');
}
