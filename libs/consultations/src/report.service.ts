import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { csv, plainText, renderMarkdown } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { ConsultationsError } from './consultations.errors';
import { ConsultationRow, ConsultationsService } from './consultations.service';
import { SurveyResults, SurveyService } from './survey.service';
import { ReportRepository } from './report.repository';

export const VERDICTS = ['accepted', 'partially_accepted', 'rejected', 'not_applicable'] as const;
export type Verdict = (typeof VERDICTS)[number];

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
    private readonly reports: ReportRepository,
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
      const status = await this.reports.commentStatus(m, id, commentId);
      if (!status) throw ConsultationsError.commentNotFound();
      if (status === 'pending') throw ConsultationsError.awaitsModeration();
      await this.reports.upsertResponse(m, { commentId, verdict, justification: why.slice(0, 10_000), respondedBy: user.id });
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
      await this.reports.setConclusions(m, id, conclusions.normalize('NFC'));
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
      const n = await this.reports.countUnanswered(m, id);
      if (n > 0) throw ConsultationsError.unanswered(n);
      await this.reports.markPublished(m, id);
      // Participants who left a way to reach them: accounts that commented or answered, addresses given with entered
      // comments and anonymous survey responses.
      const userIds = await this.reports.participantUserIds(m, id);
      const emails = await this.reports.participantEmails(m, id);
      await this.notifications.publish(m, {
        kind: 'consultation.report_published',
        facts: { consultationId: id, title: c.title },
        ...this.consultations.recipients(c),
        userIds,
        emails: emails.map((email) => ({ email, locale: 'pl' as const })),
      });
      await appendAudit(m, { actorId: user.id, action: 'consultation.report_published', subjectType: 'consultation', subjectId: id });
    });
    return this.build(id);
  }

  async build(id: string): Promise<Report> {
    const m = this.ds.manager;
    const c = await this.reports.findHead(id, m);
    const entries = await this.reports.listComments(id, m);
    const comments = entries.map((e) => e.comment);
    const bySection = new Map<string | null, { sectionId: string | null; key: string | null; comments: number }>();
    const byChannel = { online: 0, paper: 0, email: 0, meeting: 0 };
    const people = new Set<string>();
    for (const { comment: r, sectionId, authorId, contactEmail } of entries) {
      const key = sectionId ?? null;
      const entry = bySection.get(key) ?? { sectionId: key, key: r.sectionKey, comments: 0 };
      entry.comments += 1;
      bySection.set(key, entry);
      byChannel[r.channel] += 1;
      people.add(authorId ? `account:${authorId}` : `entered:${String(r.authorName).toLowerCase()}|${String(contactEmail ?? '').toLowerCase()}`);
    }
    for (const who of await this.reports.surveyRespondentKeys(id, m)) people.add(who);
    const registrations = await this.reports.countMeetingRegistrations(id, m);
    const survey = await this.survey.results(id, m);
    return {
      consultation: {
        id,
        title: c.title,
        summary: c.summary,
        organiserUnit: c.organiserUnit,
        opensAt: c.opensAt,
        closesAt: c.closesAt,
        areaIds: c.areaIds,
      },
      status: c.status,
      publishedAt: c.publishedAt,
      participation: {
        people: people.size,
        comments: entries.length,
        bySection: [...bySection.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '', 'pl', { numeric: true })),
        byChannel,
        surveyRespondents: survey.respondents,
        meetingRegistrations: registrations,
      },
      comments,
      unanswered: comments.filter((x) => x.status !== 'hidden' && !x.response).length,
      survey: survey.questions.length ? survey : null,
      conclusions: c.conclusions,
      conclusionsHtml: renderMarkdown(c.conclusions),
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
