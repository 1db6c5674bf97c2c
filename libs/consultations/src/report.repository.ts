import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { Report, ReportComment, Verdict } from './report.service';

const VERDICT_TEXT: Record<Verdict, { pl: string; en: string }> = {
  accepted: { pl: 'uwzględniona', en: 'accepted' },
  partially_accepted: { pl: 'uwzględniona częściowo', en: 'partially accepted' },
  rejected: { pl: 'nieuwzględniona', en: 'rejected' },
  not_applicable: { pl: 'nie dotyczy', en: 'not applicable' },
};

const HIDDEN_TEXT: Record<string, { pl: string; en: string }> = {
  offensive: { pl: 'obraźliwa', en: 'offensive' },
  off_topic: { pl: 'nie na temat', en: 'off topic' },
  personal_data: { pl: 'dane osobowe', en: 'personal data' },
  spam: { pl: 'spam', en: 'spam' },
  other: { pl: 'inny powód', en: 'other' },
};

/** An official's response to a comment, the justification already clean. */
export interface NewResponse {
  commentId: string;
  verdict: Verdict;
  justification: string;
  respondedBy: string;
}

/** What the report tells of its consultation (its id is the caller's). */
export type ReportHead = Omit<Report['consultation'], 'id'> & Pick<Report, 'status' | 'publishedAt' | 'conclusions'>;

/** A comment of the report, with what the participation counts read (never shown in the report). */
export interface ReportCommentEntry {
  comment: ReportComment;
  sectionId: string | null;
  authorId: string | null;
  contactEmail: string | null;
}

interface HeadRow {
  id: string;
  title: string;
  summary: string;
  organiser_unit: string;
  opens_at: Date | null;
  closes_at: Date | null;
  status: string;
  report_published_at: Date | null;
  conclusions: string;
  area_ids: string[];
}

interface CommentRow {
  id: string;
  section_key: string | null;
  section_id: string | null;
  version: number | null;
  author_name: string;
  channel: ReportComment['channel'];
  received_on: string | null;
  created_at: Date;
  status: ReportComment['status'];
  body: string;
  proposed_wording: string | null;
  hidden_reason: string | null;
  author_id: string | null;
  contact_email: string | null;
  verdict: Verdict | null;
  justification: string | null;
  responded_at: Date | null;
}

const headOf = (c: HeadRow): ReportHead => ({
  title: c.title,
  summary: c.summary,
  organiserUnit: c.organiser_unit,
  opensAt: c.opens_at,
  closesAt: c.closes_at,
  areaIds: c.area_ids,
  status: c.status,
  publishedAt: c.report_published_at,
  conclusions: c.conclusions,
});

/** The report's comment numbered `number`, a hidden one without its words but with its label. */
function commentOf(r: CommentRow, number: number): ReportComment {
  const hidden = r.status === 'hidden';
  const reason = r.hidden_reason;
  const verdict = r.verdict;
  return {
    number,
    id: r.id,
    sectionKey: r.section_key,
    version: r.version,
    authorName: r.author_name,
    channel: r.channel,
    receivedOn: r.received_on,
    createdAt: r.created_at,
    status: r.status,
    body: hidden ? null : r.body,
    proposedWording: hidden ? null : r.proposed_wording,
    hiddenReason: reason,
    hiddenLabel: hidden && reason ? { pl: `ukryta (${HIDDEN_TEXT[reason].pl})`, en: `hidden (${HIDDEN_TEXT[reason].en})` } : null,
    response: verdict ? { verdict, label: VERDICT_TEXT[verdict], justification: r.justification as string, respondedAt: r.responded_at as Date } : null,
  };
}

/**
 * The SQL of a consultation's report: the responses to its comments, its conclusions and publication, and what the
 * report reads (its comments with their labels, its participants), as named methods with typed rows. Methods used in
 * a transaction take its EntityManager first; the others read through the DataSource unless given one.
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly ds: DataSource) {}

  /** The status of the consultation's comment; undefined when there is none. */
  async commentStatus(m: EntityManager, consultationId: string, commentId: string): Promise<ReportComment['status'] | undefined> {
    const r = await queryOne<{ status: ReportComment['status'] }>(m, `SELECT status FROM consultation_comments WHERE id = $1 AND consultation_id = $2`, [
      commentId,
      consultationId,
    ]);
    return r?.status;
  }

  /** Records the response to a comment, or replaces the one it had (stamped now). */
  async upsertResponse(m: EntityManager, r: NewResponse): Promise<void> {
    await m.query(
      `INSERT INTO consultation_comment_responses (comment_id, verdict, justification, responded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id) DO UPDATE SET verdict = EXCLUDED.verdict, justification = EXCLUDED.justification, responded_by = EXCLUDED.responded_by, responded_at = now()`,
      [r.commentId, r.verdict, r.justification, r.respondedBy],
    );
  }

  /** Writes the report's conclusions (Markdown). */
  async setConclusions(m: EntityManager, consultationId: string, conclusions: string): Promise<void> {
    await m.query(`UPDATE consultations SET conclusions = $2, updated_at = now() WHERE id = $1`, [consultationId, conclusions]);
  }

  /** How many comments that are not hidden have no response yet. */
  async countUnanswered(m: EntityManager, consultationId: string): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM consultation_comments cc
          WHERE cc.consultation_id = $1 AND cc.status <> 'hidden' AND NOT EXISTS (SELECT 1 FROM consultation_comment_responses r WHERE r.comment_id = cc.id)`,
      [consultationId],
    );
    return n;
  }

  /** Moves the consultation to report_published, stamped now. */
  async markPublished(m: EntityManager, consultationId: string): Promise<void> {
    await m.query(`UPDATE consultations SET status = 'report_published', report_published_at = now(), updated_at = now() WHERE id = $1`, [consultationId]);
  }

  /** The accounts that commented or confirmed a survey response. */
  async participantUserIds(m: EntityManager, consultationId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      m,
      `SELECT author_id AS id FROM consultation_comments WHERE consultation_id = $1 AND author_id IS NOT NULL
         UNION SELECT user_id FROM survey_responses WHERE consultation_id = $1 AND user_id IS NOT NULL AND status = 'confirmed'`,
      [consultationId],
    );
    return rows.map((u) => u.id);
  }

  /** The addresses given with entered comments and with confirmed anonymous survey responses, lower-cased, once each, in order. */
  async participantEmails(m: EntityManager, consultationId: string): Promise<string[]> {
    const rows = await queryRows<{ email: string }>(
      m,
      `SELECT DISTINCT lower(e) AS email FROM (
           SELECT contact_email AS e FROM consultation_comments WHERE consultation_id = $1 AND contact_email IS NOT NULL
           UNION SELECT email FROM survey_responses WHERE consultation_id = $1 AND email IS NOT NULL AND user_id IS NULL AND status = 'confirmed') x
          ORDER BY 1`,
      [consultationId],
    );
    return rows.map((e) => e.email);
  }

  /** What the report tells of an existing consultation: its description, status, publication and conclusions. */
  async findHead(consultationId: string, m: EntityManager = this.ds.manager): Promise<ReportHead> {
    const [c] = await queryRows<HeadRow>(
      m,
      `SELECT id, title, summary, organiser_unit, opens_at, closes_at, status, report_published_at, conclusions,
              ARRAY(SELECT area_id::text FROM consultation_areas a WHERE a.consultation_id = c.id ORDER BY area_id) AS area_ids
         FROM consultations c WHERE id = $1`,
      [consultationId],
    );
    return headOf(c);
  }

  /** Every comment of the consultation with its response, numbered in the order they were received or made. */
  async listComments(consultationId: string, m: EntityManager = this.ds.manager): Promise<ReportCommentEntry[]> {
    const rows = await queryRows<CommentRow>(
      m,
      `SELECT cc.id, s.key AS section_key, cc.section_id, cc.version, cc.author_name, cc.channel, to_char(cc.received_on, 'YYYY-MM-DD') AS received_on,
              cc.created_at, cc.status, cc.body, cc.proposed_wording, cc.hidden_reason, cc.author_id, cc.contact_email,
              r.verdict, r.justification, r.responded_at
         FROM consultation_comments cc
         LEFT JOIN consultation_sections s ON s.id = cc.section_id
         LEFT JOIN consultation_comment_responses r ON r.comment_id = cc.id
        WHERE cc.consultation_id = $1
        ORDER BY coalesce(cc.received_on::timestamptz, cc.created_at), cc.created_at, cc.id`,
      [consultationId],
    );
    return rows.map((r, i) => ({ comment: commentOf(r, i + 1), sectionId: r.section_id ?? null, authorId: r.author_id, contactEmail: r.contact_email }));
  }

  /** Who confirmed each survey response: `account:<id>` or `email:<address>`. */
  async surveyRespondentKeys(consultationId: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows = await queryRows<{ who: string }>(
      m,
      `SELECT coalesce('account:' || user_id::text, 'email:' || lower(email)) AS who FROM survey_responses WHERE consultation_id = $1 AND status = 'confirmed'`,
      [consultationId],
    );
    return rows.map((r) => r.who);
  }

  /** How many registrations the consultation's meetings have. */
  async countMeetingRegistrations(consultationId: string, m: EntityManager = this.ds.manager): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(
      m,
      `SELECT count(*)::int AS n FROM meeting_registrations r JOIN consultation_meetings mt ON mt.id = r.meeting_id WHERE mt.consultation_id = $1`,
      [consultationId],
    );
    return n;
  }
}
