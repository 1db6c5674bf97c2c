import type { Locale } from '@civitas/common';
import type { NotificationFacts, NotificationKind } from '../events';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Links every subscription mail carries (personal, unguessable; built by the caller). */
export interface MailLinks {
  publicUrl: string;
  /** One-click unsubscribe (also in the List-Unsubscribe header). */
  unsubscribeUrl: string;
  /** Change topics, language and frequency. */
  manageUrl: string;
}

/**
 * Why the recipient gets the mail, shown in the footer: `topic` (they subscribed to `topicLabels`), or `direct`
 * (it concerns their own project, comment or application).
 */
export type MailReason = { why: 'topic'; topicLabels: string[] } | { why: 'direct' };

export type EventMailInput = {
  [K in NotificationKind]: { kind: K; facts: NotificationFacts[K]; locale: Locale; links: MailLinks; reason: MailReason };
}[NotificationKind];

export interface DigestItem<K extends NotificationKind = NotificationKind> {
  kind: K;
  facts: NotificationFacts[K];
  /** When the event happened (ISO 8601). */
  occurredAt: string;
}

export interface DigestMailInput {
  locale: Locale;
  links: MailLinks;
  /** The day the digest covers, YYYY-MM-DD in Europe/Warsaw. */
  day: string;
  items: DigestItem[];
}

export type SubscriptionMailInput =
  /** Double opt-in: the only mail an unconfirmed address ever gets. */
  | { kind: 'confirm'; locale: Locale; publicUrl: string; confirmUrl: string; topicLabels: string[] }
  /** Someone asked to subscribe an address that is already subscribed: here is the link to manage it. */
  | { kind: 'already_subscribed'; locale: Locale; publicUrl: string; manageUrl: string; unsubscribeUrl: string; topicLabels: string[] };

export interface TopicOption {
  /** e.g. `results`, `area:<uuid>` */
  value: string;
  label: string;
  checked: boolean;
}
