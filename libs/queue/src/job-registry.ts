/**
 * The one registry of background jobs: job name → payload type → queue. Payloads carry ids, never entities,
 * secrets, personal data beyond what the job needs, or a voter's choices.
 */
export const QUEUES = ['accounts', 'system', 'notifications', 'mail', 'budget', 'voting', 'consultations', 'initiatives'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Creates the one-time token of an auth_tokens request (e-mail verification or password reset) and mails the link. */
  'send-account-email': { requestId: string };
  /**
   * Acts on a password-reset request (password_reset_requests, which holds the address): when the address has an
   * active account, records the reset token request and the `send-account-email` job; otherwise nothing.
   */
  'start-password-reset': { resetRequestId: string };
  /**
   * Records that it ran (job_heartbeats.runs counts runs per job id): checks the job machinery end to end.
   * `holdMs` keeps the worker busy first (at most 60 s), to observe a job in flight.
   */
  'record-heartbeat': { note: string; holdMs?: number };
  /** Deletes outbox rows dispatched, and job_executions recorded, more than `days` days ago (daily). */
  'purge-outbox': { days: number };
  /** Resolves the recipients of a notification event, in chunks, into deliveries and one send-email job each. */
  'fan-out': { eventId: string };
  /** Renders and sends one delivery (an event or a digest to one recipient); never sends a delivery twice. */
  'send-email': { deliveryId: string };
  /** Sends a subscription mail (double opt-in confirmation, or the manage link to an address already subscribed). */
  'send-subscription-mail': { mailId: string };
  /** Collects the events queued for daily-digest subscribers before `scheduledFor` into one mail each. */
  'send-digests': { scheduledFor: string };
  /**
   * Acts on the phase changes of budget editions due by `scheduledFor` (every minute): records the phase under way
   * and, once the appeals phase has ended, draws up the ballot lists.
   */
  'advance-budget-phases': { scheduledFor: string };
  /** Counts the valid ballots of an edition, pool by pool, for the tally run `tallyRunId` (idempotent). */
  'tally-edition': { tallyRunId: string };
  /** Mails the one-time code that confirms an online ballot (the code is made here; the payload holds no choice). */
  'send-ballot-code': { ballotId: string };
  /** Mails the receipt of a confirmed ballot: its public reference, never its content. */
  'send-ballot-receipt': { ballotId: string };
  /**
   * Erases the voter identities of editions whose retention date (voting_policies.retain_identities_until) has
   * passed and whose voting has ended (hourly); ballots stay. Idempotent.
   */
  'erase-voter-identities': { scheduledFor: string };
  /**
   * Moves consultations along their schedule (every minute): announced → open at `opens_at`, open → closed at
   * `closes_at`, each change announced to the subscribers once. Idempotent.
   */
  'advance-consultations': { scheduledFor: string };
  /** Mails the one-time code that confirms an anonymous survey response (the code is made here). */
  'send-survey-code': { responseId: string };
  /**
   * Local initiatives sent back for correction whose deadline passed before `scheduledFor` become `unconsidered`
   * (every minute), each change told to the applicants once. Idempotent.
   */
  'advance-initiatives': { scheduledFor: string };
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUE = {
  'send-account-email': 'accounts',
  'start-password-reset': 'accounts',
  'record-heartbeat': 'system',
  'purge-outbox': 'system',
  'fan-out': 'notifications',
  'send-digests': 'notifications',
  'send-email': 'mail',
  'send-subscription-mail': 'mail',
  'advance-budget-phases': 'budget',
  'tally-edition': 'voting',
  'send-ballot-code': 'voting',
  'send-ballot-receipt': 'voting',
  'erase-voter-identities': 'voting',
  'advance-consultations': 'consultations',
  'send-survey-code': 'consultations',
  'advance-initiatives': 'initiatives',
} as const satisfies { readonly [K in JobName]: QueueName };

/** The job names that go to queue Q. */
export type JobsOf<Q extends QueueName> = { [K in JobName]: (typeof JOB_QUEUE)[K] extends Q ? K : never }[JobName];

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** The delay before retry number `attempt` (1-based) of a failed job: exponential from JOB_BACKOFF_MS, as BullMQ does. */
export function retryDelayMs(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(attempt - 1, 0);
}
