import { createHmac } from 'node:crypto';
import { domainToASCII } from 'node:url';

/** What identifies one person in one edition. */
export interface KeyedIdentity {
  firstName: string;
  lastName: string;
  email?: string | null;
  /** Given only when the edition's policy collects PESEL numbers. */
  pesel?: string | null;
  userId?: string | null;
}

/** How an e-mail address is folded (VotingConfig.email). */
export interface EmailFolding {
  /** `ala+bo@example.pl` → `ala@example.pl` (RFC 5233 sub-addressing; at every domain). */
  foldPlus: boolean;
  /** Providers that ignore dots in the local part (`a.la@gmail.com` → `ala@gmail.com`). */
  foldDotsDomains: readonly string[];
}

/** What decides the key besides the identity: the edition's methods and the city's e-mail folding. */
export interface KeyRules {
  methods: readonly string[];
  email: EmailFolding;
}

/** Domains that are another name of one provider's mailboxes. */
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/** Trims, collapses inner white space, NFC-normalises and lower-cases (Polish letters kept: "Łukasz" ≠ "Lukasz"). */
export const normaliseText = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('pl');

/**
 * The mailbox behind an e-mail address: trimmed, NFC, lower-case; the domain in its ASCII (punycode) form without a
 * trailing dot, googlemail.com as gmail.com; a plus-tag dropped (when folding is on); dots dropped from the local part
 * at the providers that ignore them. `Ala.Kot+BO@GoogleMail.com` → `alakot@gmail.com`.
 */
export function normaliseEmail(address: string, folding: EmailFolding): string {
  const s = address.normalize('NFC').trim().toLowerCase();
  const at = s.lastIndexOf('@');
  if (at <= 0) return s;
  let local = s.slice(0, at);
  const rawDomain = s.slice(at + 1).replace(/\.+$/, '');
  const ascii = domainToASCII(rawDomain) || rawDomain;
  const domain = DOMAIN_ALIASES[ascii] ?? ascii;
  if (folding.foldPlus) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  if (folding.foldDotsDomains.some((d) => (DOMAIN_ALIASES[d] ?? d) === domain)) local = local.replace(/\./g, '') || local;
  return `${local}@${domain}`;
}

/**
 * The normalised identity behind a voter key, by strength of proof:
 * - `pesel:<11 digits>` when the policy collects PESEL numbers (one per person for life);
 * - `email:<mailbox>` when the policy's methods include `email_code` and an address is given (online it is required
 *   and confirmed by the code; on paper, when the sheet gives one): the mailbox alone, folded as in
 *   `normaliseEmail` — names are left out, so one mailbox is one voter whatever names it declares;
 * - `account:<user id>` for a signed-in voter otherwise (the `account` method);
 * - `person:<first name>|<last name>|<e-mail>` otherwise (a paper sheet without e-mail, or under a policy without
 *   `email_code`): names and address normalised as in `normaliseText`.
 * The area is left out on purpose: a person who declares another area is still one person.
 */
export function normalisedIdentity(id: KeyedIdentity, rules: KeyRules): string {
  if (id.pesel) return `pesel:${id.pesel}`;
  if (id.email && rules.methods.includes('email_code')) return `email:${normaliseEmail(id.email, rules.email)}`;
  if (id.userId) return `account:${id.userId}`;
  return `person:${normaliseText(id.firstName)}|${normaliseText(id.lastName)}|${normaliseText(id.email ?? '')}`;
}

/** HMAC-SHA256(secret, edition id + NUL + normalised identity), hex. Never a plain hash: PESELs are few enough to brute-force. */
export function voterKey(secret: string, editionId: string, id: KeyedIdentity, rules: KeyRules): string {
  return createHmac('sha256', secret)
    .update(`${editionId}\u0000${normalisedIdentity(id, rules)}`)
    .digest('hex');
}

/**
 * The key of a mailbox for counting the code mails sent to it (across editions): HMAC-SHA256 of the folded address,
 * so the count holds no address in the clear.
 */
export function mailboxKey(secret: string, address: string, folding: EmailFolding): string {
  return createHmac('sha256', secret)
    .update(`mailbox\u0000${normaliseEmail(address, folding)}`)
    .digest('hex');
}
