import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { csv, plainText, renderMarkdown } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { ConsultationsError } from './consultations.errors';
import { ConsultationRow, ConsultationsService } from './consultations.service';
import { SurveyResults, SurveyService } from './survey.service';

export const VERDICTS = ['accepted', 'partially_accepted', 'rejected', 'not_applicable'] as const;
export type Verdict = (typeof VERDICTS)[number];

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

export interface ReportComment {
  /** 1, 2, … in the order comments were made or received. */
  number: number;
  id: string;
  sectionKey: string | null;
  version: number | null;
  authorName: string;
  channel: 'online' | 'paper' | 'email' | 'meeting';
  receivedOn: string | null;
  createdAt: Date;
  status: 'visible' | 'hidden' | 'pending';
  /** The comment's words; null when hidden (the report says "hidden (reason)" instead). */
  body: string | null;
  proposedWording: string | null;
  hiddenReason: string | null;
  /** "ukryta (obraźliwa)" / "hidden (offensive)" for a hidden comment. */
  hiddenLabel: { pl: string; en: string } | null;
  response: { verdict: Verdict; label: { pl: string; en: string }; justification: string; respondedAt: Date } | null;
}

export interface Report {
  consultation: { id: string; title: string; summary: string; organiserUnit: string; opensAt: Date | null; closesAt: Date | null; areaIds: string[] };
  status: string;
  publishedAt: Date | null;
  participation: {
    /** Distinct participants: accounts that commented or answered, anonymous survey respondents, and each person whose comment an official entered. */
    people: number;
    comments: number;
    bySection: Array<{ sectionId: string | null; key: string | null; comments: number }>;
    byChannel: { online: number; paper: number; email: number; meeting: number };
    surveyRespondents: number;
    meetingRegistrations: number;
  };
  comments: ReportComment[];
  /** Comments still without a response (visible or waiting for moderation); the report is published when none are left. */
  unanswered: number;
  survey: SurveyResults | null;
  conclusions: string;
  conclusionsHtml: string;
}

/**
 * The report of a consultation (raport z konsultacji, DESIGN §4.2): after closing, officials answer every comment
 * (accepted, partially accepted, rejected, not applicable, with a justification) and write the conclusions;
 * publishing makes it public as JSON and CSV, is refused while a comment has no response, and tells the subscribers
 * and every participant who left an address.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly consultations: ConsultationsService,
    private readonly survey: SurveyService,
    private readonly notifications: NotificationsService,
  ) {}

  private async closed(user: AuthenticatedUser, id: string, m: EntityManager): Promise<ConsultationRow> {
    const c = await this.consultations.manageable(user, id, m, true);
    if (c.status === 'report_published') throw ConsultationsError.notEditable(c.status, { pl: 'Raportu', en: 'The report' });
    if (c.status !== 'closed') throw ConsultationsError.notClosedForResponses();
    return c;
  }

  /** An official's response to one comment (again to change it, until the report is published). */
  async respond(user: AuthenticatedUser, id: string, commentId: string, verdict: Verdict, justification: string): Promise<ReportComment> {
    const why = plainText(justification);
    if (!why) throw ConsultationsError.justificationRequired();
    await this.ds.transaction(async (m) => {
      await this.closed(user, id, m);
      const [comment] = (await m.query(`SELECT status FROM consultation_comments WHERE id = $1 AND consultation_id = $2`, [commentId, id])) as Array<{
        status: string;
      }>;
      if (!comment) throw ConsultationsError.commentNotFound();
      if (comment.status === 'pending') throw ConsultationsError.awaitsModeration();
      await m.query(
        `INSERT INTO consultation_comment_responses (comment_id, verdict, justification, responded_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id) DO UPDATE SET verdict = EXCLUDED.verdict, justification = EXCLUDED.justification, responded_by = EXCLUDED.responded_by, responded_at = now()`,
        [commentId, verdict, why.slice(0, 10_000), user.id],
      );
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.comment_answered',
        subjectType: 'consultation',
        subjectId: id,
        details: { commentId, verdict },
      });
    });
    return (await this.build(id)).comments.find((c) => c.id === commentId)!;
  }

  async setConclusions(user: AuthenticatedUser, id: string, conclusions: string): Promise<Report> {
    await this.ds.transaction(async (m) => {
      await this.closed(user, id, m);
      await m.query(`UPDATE consultations SET conclusions = $2, updated_at = now() WHERE id = $1`, [id, conclusions.normalize('NFC')]);
    });
    return this.build(id);
  }

  /** The report as officials prepare it (from closing on). */
  async draft(user: AuthenticatedUser, id: string): Promise<Report> {
    const c = await this.consultations.manageable(user, id);
    if (c.status !== 'closed' && c.status !== 'report_published') throw ConsultationsError.notClosedForReport();
    return this.build(id);
  }

  /** The published report (anyone); 409 before publication. */
  async published(id: string): Promise<Report> {
    const c = await this.consultations.row(this.ds.manager, id);
    if (c.status !== 'report_published') throw ConsultationsError.reportNotPublished();
    return this.build(id);
  }

  /** closed → report_published: refused while a comment has no response; subscribers and participants are told. */
  async publish(user: AuthenticatedUser, id: string): Promise<Report> {
    await this.ds.transaction(async (m) => {
      const c = await this.closed(user, id, m);
      const [{ n }] = (await m.query(
        `SELECT count(*)::int AS n FROM consultation_comments cc
          WHERE cc.consultation_id = $1 AND cc.status <> 'hidden' AND NOT EXISTS (SELECT 1 FROM consultation_comment_responses r WHERE r.comment_id = cc.id)`,
        [id],
      )) as Array<{ n: number }>;
      if (n > 0) throw ConsultationsError.unanswered(n);
      await m.query(`UPDATE consultations SET status = 'report_published', report_published_at = now(), updated_at = now() WHERE id = $1`, [id]);
      // Participants who left a way to reach them: accounts that commented or answered, addresses given with entered
      // comments and anonymous survey responses.
      const users = (await m.query(
        `SELECT author_id AS id FROM consultation_comments WHERE consultation_id = $1 AND author_id IS NOT NULL
         UNION SELECT user_id FROM survey_responses WHERE consultation_id = $1 AND user_id IS NOT NULL AND status = 'confirmed'`,
        [id],
      )) as Array<{ id: string }>;
      const emails = (await m.query(
        `SELECT DISTINCT lower(e) AS email FROM (
           SELECT contact_email AS e FROM consultation_comments WHERE consultation_id = $1 AND contact_email IS NOT NULL
           UNION SELECT email FROM survey_responses WHERE consultation_id = $1 AND email IS NOT NULL AND user_id IS NULL AND status = 'confirmed') x
          ORDER BY 1`,
        [id],
      )) as Array<{ email: string }>;
      await this.notifications.publish(m, {
        kind: 'consultation.report_published',
        facts: { consultationId: id, title: c.title },
        ...this.consultations.recipients(c),
        userIds: users.map((u) => u.id),
        emails: emails.map((e) => ({ email: e.email, locale: 'pl' as const })),
      });
      await appendAudit(m, { actorId: user.id, action: 'consultation.report_published', subjectType: 'consultation', subjectId: id });
    });
    return this.build(id);
  }

  async build(id: string): Promise<Report> {
    const m = this.ds.manager;
    const [c] = (await m.query(
      `SELECT id, title, summary, organiser_unit, opens_at, closes_at, status, report_published_at, conclusions,
              ARRAY(SELECT area_id::text FROM consultation_areas a WHERE a.consultation_id = c.id ORDER BY area_id) AS area_ids
         FROM consultations c WHERE id = $1`,
      [id],
    )) as Array<Record<string, unknown>>;
    const rows = (await m.query(
      `SELECT cc.id, s.key AS section_key, cc.section_id, cc.version, cc.author_name, cc.channel, to_char(cc.received_on, 'YYYY-MM-DD') AS received_on,
              cc.created_at, cc.status, cc.body, cc.proposed_wording, cc.hidden_reason, cc.author_id, cc.contact_email,
              r.verdict, r.justification, r.responded_at
         FROM consultation_comments cc
         LEFT JOIN consultation_sections s ON s.id = cc.section_id
         LEFT JOIN consultation_comment_responses r ON r.comment_id = cc.id
        WHERE cc.consultation_id = $1
        ORDER BY coalesce(cc.received_on::timestamptz, cc.created_at), cc.created_at, cc.id`,
      [id],
    )) as Array<Record<string, unknown>>;
    const comments: ReportComment[] = rows.map((r, i) => {
      const hidden = r.status === 'hidden';
      const reason = r.hidden_reason as string | null;
      const verdict = r.verdict as Verdict | null;
      return {
        number: i + 1,
        id: r.id as string,
        sectionKey: r.section_key as string | null,
        version: r.version as number | null,
        authorName: r.author_name as string,
        channel: r.channel as ReportComment['channel'],
        receivedOn: r.received_on as string | null,
        createdAt: r.created_at as Date,
        status: r.status as ReportComment['status'],
        body: hidden ? null : (r.body as string),
        proposedWording: hidden ? null : (r.proposed_wording as string | null),
        hiddenReason: reason,
        hiddenLabel: hidden && reason ? { pl: `ukryta (${HIDDEN_TEXT[reason].pl})`, en: `hidden (${HIDDEN_TEXT[reason].en})` } : null,
        response: verdict ? { verdict, label: VERDICT_TEXT[verdict], justification: r.justification as string, respondedAt: r.responded_at as Date } : null,
      };
    });
    const bySection = new Map<string | null, { sectionId: string | null; key: string | null; comments: number }>();
    const byChannel = { online: 0, paper: 0, email: 0, meeting: 0 };
    const people = new Set<string>();
    for (const r of rows) {
      const key = (r.section_id as string | null) ?? null;
      const entry = bySection.get(key) ?? { sectionId: key, key: r.section_key as string | null, comments: 0 };
      entry.comments += 1;
      bySection.set(key, entry);
      byChannel[r.channel as keyof typeof byChannel] += 1;
      people.add(r.author_id ? `account:${r.author_id}` : `entered:${String(r.author_name).toLowerCase()}|${String(r.contact_email ?? '').toLowerCase()}`);
    }
    const respondents = (await m.query(
      `SELECT coalesce('account:' || user_id::text, 'email:' || lower(email)) AS who FROM survey_responses WHERE consultation_id = $1 AND status = 'confirmed'`,
      [id],
    )) as Array<{ who: string }>;
    for (const r of respondents) people.add(r.who);
    const [{ n: registrations }] = (await m.query(
      `SELECT count(*)::int AS n FROM meeting_registrations r JOIN consultation_meetings mt ON mt.id = r.meeting_id WHERE mt.consultation_id = $1`,
      [id],
    )) as Array<{ n: number }>;
    const survey = await this.survey.results(id, m);
    return {
      consultation: {
        id,
        title: c.title as string,
        summary: c.summary as string,
        organiserUnit: c.organiser_unit as string,
        opensAt: c.opens_at as Date | null,
        closesAt: c.closes_at as Date | null,
        areaIds: c.area_ids as string[],
      },
      status: c.status as string,
      publishedAt: c.report_published_at as Date | null,
      participation: {
        people: people.size,
        comments: rows.length,
        bySection: [...bySection.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '', 'pl', { numeric: true })),
        byChannel,
        surveyRespondents: survey.respondents,
        meetingRegistrations: registrations,
      },
      comments,
      unanswered: comments.filter((x) => x.status !== 'hidden' && !x.response).length,
      survey: survey.questions.length ? survey : null,
      conclusions: c.conclusions as string,
      conclusionsHtml: renderMarkdown(c.conclusions as string),
    };
  }

  /** The comments and their responses as CSV (the spreadsheet of the report); no cell is ever read as a formula. */
  toCsv(r: Report): string {
    return csv(
      ['nr', 'fragment', 'wersja', 'autor', 'kanał', 'data', 'uwaga', 'proponowane brzmienie', 'status', 'odpowiedź', 'uzasadnienie'],
      r.comments.map((x) => [
        x.number,
        x.sectionKey ?? '',
        x.version ?? '',
        x.authorName,
        x.channel,
        x.receivedOn ?? x.createdAt.toISOString().slice(0, 10),
        x.hiddenLabel ? x.hiddenLabel.pl : (x.body ?? ''),
        x.proposedWording ?? '',
        x.status,
        x.response?.label.pl ?? '',
        x.response?.justification ?? '',
      ]),
    );
  }
}
