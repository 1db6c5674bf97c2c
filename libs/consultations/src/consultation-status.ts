import { ConsultationsError } from './consultations.errors';

/** A consultation's states, in the order it passes through them; `cancelled` ends it early, with a public reason. */
export const CONSULTATION_STATUSES = ['draft', 'announced', 'open', 'closed', 'report_published', 'cancelled'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/**
 * Every move a consultation can make, in one table: an organiser announces a draft; the schedule opens it and closes
 * it (SCHEDULED_MOVES); publishing the report ends a closed one; an organiser cancels it at any point before it closes.
 */
export const CONSULTATION_MOVES: Readonly<Record<ConsultationStatus, readonly ConsultationStatus[]>> = {
  draft: ['announced', 'cancelled'],
  announced: ['open', 'cancelled'],
  open: ['closed', 'cancelled'],
  closed: ['report_published'],
  report_published: [],
  cancelled: [],
};

/** The moves the schedule makes by itself, each when the time in its column has come. */
export const SCHEDULED_MOVES = [
  { from: 'announced', to: 'open', at: 'opens_at' },
  { from: 'open', to: 'closed', at: 'closes_at' },
] as const satisfies ReadonlyArray<{ from: ConsultationStatus; to: ConsultationStatus; at: string }>;

/** Announced or open: residents see it and may register for its meetings; organisers may still correct it. */
export function isRunning(status: ConsultationStatus): boolean {
  return status === 'announced' || status === 'open';
}

export function mayMove(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return CONSULTATION_MOVES[from].includes(to);
}

/** Refuses a move the table does not allow: 409 `invalid_transition`, naming both states. */
export function assertMove(from: ConsultationStatus, to: ConsultationStatus): void {
  if (!mayMove(from, to)) throw ConsultationsError.invalidTransition(from, to);
}
