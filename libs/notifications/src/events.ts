/**
 * The events other libraries publish, with the facts each mail needs. Facts are plain JSON (ids, names, dates as
 * ISO strings, money as integer grosze in a string); never another library's entities, never a voter's choices.
 * Adding a kind here asks for its templates (templates/<locale>/<kind>.hbs) and its link below; a unit test checks
 * both exist.
 */
export interface NotificationFacts {
  /** A consultation was announced: it opens at `opensAt`. */
  'consultation.announced': { consultationId: string; title: string; opensAt: string; closesAt: string };
  /** A consultation opened: residents can take part until `closesAt`. */
  'consultation.opened': { consultationId: string; title: string; closesAt: string };
  /** A consultation closed: the report follows. */
  'consultation.closed': { consultationId: string; title: string };
  /** The report of a consultation was published. */
  'consultation.report_published': { consultationId: string; title: string };
  /** A moderator hid, restored or (under pre-moderation) approved a comment (sent to its author). */
  'comment.moderated': {
    consultationId: string;
    consultationTitle: string;
    commentId: string;
    action: 'hidden' | 'restored' | 'approved';
    /** offensive | off_topic | personal_data | spam | other */
    reason: string;
    /** The moderator's words when the reason is `other` (or an addition). */
    note?: string;
  };
  /** A budget project changed status (authors directly; subscribers of the edition for public statuses). */
  'project.status_changed': {
    editionId: string;
    editionName: string;
    projectId: string;
    title: string;
    /** The new status, e.g. submitted, correction_requested, admitted, rejected, appeal_upheld, on_ballot. */
    status: string;
    /** The justification of the decision, in the official's words. */
    reason?: string;
    /** Deadline (correction, appeal), ISO 8601. */
    deadline?: string;
  };
  /**
   * A budget project asks something of its (future) authors: an invitation to co-author it (sent to the invited
   * address), a cost correction proposed by an official, or a proposal to merge it with other projects.
   */
  'project.request': {
    editionId: string;
    editionName: string;
    projectId: string;
    title: string;
    request: 'coauthor_invitation' | 'cost_correction' | 'merge';
    /** Who asks: the inviting author's display name (invitations). */
    from?: string;
    /** The official's justification (cost correction, merge). */
    reason?: string;
    /** The proposed total cost in grosze (cost correction). */
    total?: string;
  };
  /**
   * The implementation of a selected budget project ended: it was carried out, or the city gave it up (authors
   * directly; subscribers of the edition and of the project's area).
   */
  'project.implementation_ended': {
    editionId: string;
    editionName: string;
    projectId: string;
    title: string;
    status: 'implemented' | 'abandoned';
    /** The day the final update describes (YYYY-MM-DD). */
    happenedOn: string;
    /** The official's note of the final update. */
    note: string;
    /** Why the project was abandoned, in the official's words. */
    reason?: string;
  };
  /** Voting in a budget edition opened. */
  'voting.opened': { editionId: string; editionName: string; closesAt: string };
  /** The results of a budget edition were published. */
  'results.published': { editionId: string; editionName: string; winners: number; totalCost: string };
  /** A local-initiative application changed status (applicants directly; `initiatives` subscribers on decisions). */
  'initiative.status_changed': {
    initiativeId: string;
    caseNumber: string;
    title: string;
    /** registered, correction_requested, approved, rejected, agreement_signed, completed, terminated, … */
    status: string;
    reason?: string;
    deadline?: string;
  };
}

export type NotificationKind = keyof NotificationFacts;

export const NOTIFICATION_KINDS = [
  'consultation.announced',
  'consultation.opened',
  'consultation.closed',
  'consultation.report_published',
  'comment.moderated',
  'project.status_changed',
  'project.request',
  'project.implementation_ended',
  'voting.opened',
  'results.published',
  'initiative.status_changed',
] as const satisfies readonly NotificationKind[];

/** The path (under PUBLIC_URL) a mail about this event links to. */
export const EVENT_LINK: { [K in NotificationKind]: (facts: NotificationFacts[K]) => string } = {
  'consultation.announced': (f) => `/consultations/${f.consultationId}`,
  'consultation.opened': (f) => `/consultations/${f.consultationId}`,
  'consultation.closed': (f) => `/consultations/${f.consultationId}`,
  'consultation.report_published': (f) => `/consultations/${f.consultationId}/report`,
  'comment.moderated': (f) => `/consultations/${f.consultationId}#comment-${f.commentId}`,
  'project.status_changed': (f) => `/projects/${f.projectId}`,
  // An invitation leads to its page (the project may still be a draft, private to its authors); a cost correction
  // or a merge to the author's list of what waits on them.
  'project.request': (f) => (f.request === 'coauthor_invitation' ? `/projects/${f.projectId}/invitation` : '/budget/my-projects'),
  'project.implementation_ended': (f) => `/projects/${f.projectId}`,
  'voting.opened': (f) => `/budget/${f.editionId}/vote`,
  'results.published': (f) => `/budget/${f.editionId}/results`,
  'initiative.status_changed': (f) => `/initiatives/${f.initiativeId}`,
};

/**
 * An event as a library publishes it, inside its own transaction.
 * - `topics`: the subscription topics it concerns (`results`, `initiatives`, `edition:<id>`, `consultation:<id>`).
 * - `areaIds`: the areas it concerns; subscribers of those areas and of every area containing them receive it.
 * - `userIds`: accounts concerned directly (authors, applicants): they are told without subscribing.
 * - `emails`: people without an account who asked to hear about this (e.g. consultation participants who left an
 *   address), with the language they used.
 */
export type NotificationEvent = {
  [K in NotificationKind]: {
    kind: K;
    facts: NotificationFacts[K];
    topics?: string[];
    areaIds?: string[];
    userIds?: string[];
    emails?: Array<{ email: string; locale: 'pl' | 'en' }>;
  };
}[NotificationKind];
