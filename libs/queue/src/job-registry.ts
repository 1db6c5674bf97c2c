/**
 * The one registry of background jobs: job name → payload type → queue. Payloads carry ids, never entities,
 * secrets, personal data beyond what the job needs, or a voter's choices.
 */
export const QUEUES = ['accounts', 'system'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Creates the one-time token of an auth_tokens request (e-mail verification or password reset) and mails the link. */
  'send-account-email': { requestId: string };
  /**
   * Records that it ran (job_heartbeats.runs counts runs per job id): checks the job machinery end to end.
   * `holdMs` keeps the worker busy first (at most 60 s), to observe a job in flight.
   */
  'record-heartbeat': { note: string; holdMs?: number };
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUE = {
  'send-account-email': 'accounts',
  'record-heartbeat': 'system',
} as const satisfies { readonly [K in JobName]: QueueName };

/** The job names that go to queue Q. */
export type JobsOf<Q extends QueueName> = { [K in JobName]: (typeof JOB_QUEUE)[K] extends Q ? K : never }[JobName];

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/** Retry policy shared by both drivers. */
export const JOB_DEFAULTS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 2000 },
};
