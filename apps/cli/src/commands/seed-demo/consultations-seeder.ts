import type { INestApplicationContext } from '@nestjs/common';
import type { AuthenticatedUser } from '@civitas/auth';
import { zonedDate, zonedInstant } from '@civitas/common';
import { CommentsService, ConsultationsService, DocumentsService, MeetingsService, ReportService, SurveyService, type Verdict } from '@civitas/consultations';
import { ADMIN, CITY_OFFICIAL, type DemoAccount, type DistrictKey, DISTRICTS, MODERATOR, NGO, type ResidentKey } from './demo-city';
import { type DemoEnteredComment, type DemoMoment, type DemoOnlineComment, OPEN_CONSULTATION, REPORT_CONSULTATION } from './demo-consultations';

const DAY_MS = 24 * 3600_000;
const MINUTE_MS = 60_000;

export interface ConsultationsSummary {
  organisation: { email: string; name: string; krs: string };
  open: {
    id: string;
    title: string;
    district: string;
    closesAt: Date;
    documentVersion: number;
    comments: number;
    hidden: number;
    entered: number;
    surveyQuestions: number;
    surveyResponses: number;
    meetings: number;
    registrations: number;
    points: number;
  };
  report: { id: string; title: string; comments: number; verdicts: Partial<Record<Verdict, number>> };
}

/**
 * The demo consultations, created through the consultations' services as officials, a moderator and participants
 * would through the API.
 *
 * Time: a consultation is announced at least 7 days before it opens, and the `advance-consultations` job opens and
 * closes it on schedule. As with the budget's phases, the dates are counted from the moment the command runs and
 * given to the services as an official would (opening and closing dates); where the real flow needs time to pass,
 * the services are told the moment instead of waiting for it: `announce` gets the day it was announced (before the
 * notice period), and the job's step (`advance`) is run for the time it is due. No dates are written to rows by hand.
 * The comments, survey responses and registrations carry the time the command ran, so the consultation with the
 * report runs until just after them (its closing is rounded up to the next minute) and is then closed by the job's
 * step for that minute.
 */
export class ConsultationsSeeder {
  private readonly consultations: ConsultationsService;
  private readonly documents: DocumentsService;
  private readonly comments: CommentsService;
  private readonly survey: SurveyService;
  private readonly meetings: MeetingsService;
  private readonly reports: ReportService;
  private readonly now = Date.now();

  constructor(
    app: INestApplicationContext,
    private readonly as: (account: DemoAccount) => AuthenticatedUser,
    private readonly resident: (key: ResidentKey) => AuthenticatedUser,
    private readonly area: (key: DistrictKey) => string,
  ) {
    this.consultations = app.get(ConsultationsService);
    this.documents = app.get(DocumentsService);
    this.comments = app.get(CommentsService);
    this.survey = app.get(SurveyService);
    this.meetings = app.get(MeetingsService);
    this.reports = app.get(ReportService);
  }

  async run(): Promise<ConsultationsSummary> {
    const organisation = await this.consultations.registerOrganisation(this.as(ADMIN), this.as(NGO).id, NGO.organisation, NGO.krs);
    // The one with the report first: it opens and closes before the open one is announced.
    const report = await this.reportConsultation();
    const open = await this.openConsultation();
    return { organisation: { email: NGO.email, name: organisation.name, krs: organisation.krs }, open, report };
  }

  /** A wall-clock time in Europe/Warsaw, `day` days from the day the command runs. */
  private at(moment: DemoMoment): Date {
    const [y, m, d] = zonedDate(new Date(this.now + moment.day * DAY_MS))
      .split('-')
      .map(Number);
    return zonedInstant(y, m, d, moment.hour, moment.minute ?? 0);
  }

  private day(days: number): string {
    return zonedDate(new Date(this.now + days * DAY_MS));
  }

  private author(key: DemoOnlineComment['author']): AuthenticatedUser {
    return key === 'ngo' ? this.as(NGO) : this.resident(key);
  }

  private sectionId(sections: Array<{ id: string; key: string }>, key: string | undefined): string | null {
    return key === undefined ? null : sections.find((s) => s.key === key)!.id;
  }

  private async comment(consultationId: string, sections: Array<{ id: string; key: string }>, c: DemoOnlineComment | DemoEnteredComment): Promise<string> {
    const official = this.as(CITY_OFFICIAL);
    if ('channel' in c)
      return (
        await this.comments.enter(official, consultationId, {
          channel: c.channel,
          receivedOn: this.day(c.receivedDay),
          authorName: c.authorName,
          contactEmail: c.contactEmail ?? null,
          sectionId: this.sectionId(sections, c.section),
          body: c.body,
          proposedWording: c.proposedWording ?? null,
        })
      ).id;
    return (
      await this.comments.create(this.author(c.author), consultationId, {
        sectionId: this.sectionId(sections, c.section),
        body: c.body,
        proposedWording: c.proposedWording ?? null,
      })
    ).id;
  }

  /** Announced ahead of its opening, opened by the schedule job, closed, every comment answered, the report published. */
  private async reportConsultation(): Promise<ConsultationsSummary['report']> {
    const R = REPORT_CONSULTATION;
    const official = this.as(CITY_OFFICIAL);
    const opensAt = this.at(R.opens);
    const closesAt = new Date(Math.ceil((Date.now() + MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
    const c = await this.consultations.create(official, { ...R.input, areaIds: [], opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() });
    const doc = await this.documents.putVersion(official, c.id, { note: R.document.note, sections: [...R.document.sections] });
    await this.meetings.create(official, c.id, {
      kind: 'meeting',
      title: R.meeting.title,
      place: R.meeting.place,
      startsAt: this.at(R.meeting.starts).toISOString(),
      endsAt: this.at(R.meeting.ends).toISOString(),
      capacity: R.meeting.capacity,
    });
    await this.consultations.announce(official, c.id, new Date(opensAt.getTime() - R.announcedDaysBefore * DAY_MS));
    await this.advanceTo(new Date(), c.id, 'open');

    const ids: Array<{ id: string; verdict: Verdict; justification: string }> = [];
    for (const x of R.comments) ids.push({ id: await this.comment(c.id, doc.sections, x.comment), verdict: x.verdict, justification: x.justification });

    await this.advanceTo(new Date(Math.max(Date.now(), closesAt.getTime())), c.id, 'closed');
    const verdicts: Partial<Record<Verdict, number>> = {};
    for (const x of ids) {
      await this.reports.respond(official, c.id, x.id, x.verdict, x.justification);
      verdicts[x.verdict] = (verdicts[x.verdict] ?? 0) + 1;
    }
    await this.reports.setConclusions(official, c.id, R.conclusions);
    const published = await this.reports.publish(official, c.id);
    return { id: c.id, title: c.title, comments: published.comments.length, verdicts };
  }

  /** Announced ten days before it opened, opened by the schedule job five days ago, open for 23 more days. */
  private async openConsultation(): Promise<ConsultationsSummary['open']> {
    const O = OPEN_CONSULTATION;
    const official = this.as(CITY_OFFICIAL);
    const opensAt = this.at(O.opens);
    const closesAt = this.at(O.closes);
    const c = await this.consultations.create(official, {
      ...O.input,
      areaIds: [this.area(O.district)],
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
    });
    await this.documents.putVersion(official, c.id, { note: O.document.v1.note, sections: [...O.document.v1.sections] });
    const survey = await this.survey.setQuestions(official, c.id, [...O.survey]);
    const meeting = await this.meetings.create(official, c.id, {
      kind: 'meeting',
      title: O.meeting.title,
      place: O.meeting.place,
      startsAt: this.at(O.meeting.starts).toISOString(),
      endsAt: this.at(O.meeting.ends).toISOString(),
      capacity: O.meeting.capacity,
      latitude: O.meeting.latitude,
      longitude: O.meeting.longitude,
    });
    await this.meetings.create(official, c.id, {
      kind: 'point',
      title: O.point.title,
      place: O.point.place,
      startsAt: this.at(O.point.starts).toISOString(),
      endsAt: this.at(O.point.ends).toISOString(),
      latitude: O.point.latitude,
      longitude: O.point.longitude,
    });
    await this.consultations.announce(official, c.id, new Date(opensAt.getTime() - O.announcedDaysBefore * DAY_MS));
    await this.advanceTo(new Date(), c.id, 'open');

    // A comment on the first version points out a mistake; the official corrects it in a second version.
    const v1 = await this.documents.get(c.id);
    await this.comment(c.id, v1.sections, O.commentOnV1);
    const v2 = await this.documents.putVersion(official, c.id, {
      note: O.document.v2.note,
      sections: O.document.v1.sections.map((s) => (s.key === O.document.v2.sectionKey ? { ...s, body: O.document.v2.body } : s)),
    });
    await this.comment(c.id, v2.sections, O.paperComment);
    for (const x of O.comments) await this.comment(c.id, v2.sections, x);
    const offTopic = await this.comment(c.id, v2.sections, O.offTopic);
    await this.comments.moderate(this.as(MODERATOR), c.id, offTopic, 'hide', { reason: 'off_topic', note: O.hideNote });

    const [single, scale, text] = survey.questions;
    for (const r of O.responses)
      await this.survey.respond(c.id, this.resident(r.author), {
        answers: [
          { questionId: single.id, choice: r.choice },
          { questionId: scale.id, value: r.value },
          ...(r.text ? [{ questionId: text.id, text: r.text }] : []),
        ],
      });
    for (const key of O.registrants) await this.meetings.register(this.resident(key), c.id, meeting.id);

    const after = await this.consultations.get(c.id);
    const all = await this.comments.listAdmin(official, c.id);
    return {
      id: c.id,
      title: c.title,
      district: DISTRICTS.find((d) => d.key === O.district)!.name,
      closesAt,
      documentVersion: after.documentVersion,
      comments: all.length,
      hidden: all.filter((k) => k.status === 'hidden').length,
      entered: all.filter((k) => k.channel !== 'online').length,
      surveyQuestions: survey.questions.length,
      surveyResponses: O.responses.length,
      meetings: after.meetings.filter((m) => m.kind === 'meeting').length,
      registrations: after.meetings.reduce((n, m) => n + m.registered, 0),
      points: after.meetings.filter((m) => m.kind === 'point').length,
    };
  }

  /** The schedule job's step, run for the moment given; the consultation must have moved as expected. */
  private async advanceTo(moment: Date, consultationId: string, status: 'open' | 'closed'): Promise<void> {
    const moved = await this.consultations.advance(moment);
    if (!moved.some((x) => x.consultationId === consultationId && x.status === status))
      throw new Error(`The consultation ${consultationId} did not become ${status} at ${moment.toISOString()}.`);
  }
}
