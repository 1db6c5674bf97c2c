import type { INestApplicationContext } from '@nestjs/common';
import type { AuthenticatedUser } from '@civitas/auth';
import { zonedDate } from '@civitas/common';
import { AgreementService, ApplicationsService, type InitiativeStatus, ProgrammesService, ReviewService } from '@civitas/initiatives';
import { ADMIN, type AreaKey, CITY_OFFICIAL, type DemoAccount, DISTRICT_OFFICIAL, NGO, RESIDENTS, type ResidentKey } from './demo-city';
import { type DemoInitiative, INITIATIVES, INITIATIVES_PROGRAMME, NGO_AUTHORISATION, RESIDENT_ADDRESSES } from './demo-initiatives';

const DAY_MS = 24 * 3600_000;

export interface InitiativesSummary {
  programme: { year: number; allocation: number; remaining: number; volunteerHourValue: number; minApplicants: number; criteria: number };
  applications: Array<{ id: string; caseNumber: string | null; title: string; status: InitiativeStatus; applicant: string }>;
}

/** The current year: the programme's, since applications are taken only within the programme's year. */
export const initiativesYear = (now = new Date()) => Number(zonedDate(now).slice(0, 4));

/** A minimal PDF whose content carries the given line (what an applicant would scan and attach). */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'utf8');
}

/**
 * The demo local initiatives, created through the initiatives' services as an admin, officials and applicants
 * would through the API: the current year's programme, then the applications — drafted and submitted by their
 * contact persons, registered by the city's official (case numbers in the order of `INITIATIVES`), formally
 * checked, scored by an official of their area, decided, and on to the agreement, its carrying out and the final
 * report. Everything happens on the day the command runs: the completed initiative is a one-day action whose
 * agreement was signed and whose report was filed that day; the schedules and agreement terms are counted from it.
 */
export class InitiativesSeeder {
  private readonly programmes: ProgrammesService;
  private readonly applications: ApplicationsService;
  private readonly review: ReviewService;
  private readonly agreements: AgreementService;
  private readonly now = Date.now();
  private readonly year = initiativesYear(new Date(this.now));

  constructor(
    app: INestApplicationContext,
    private readonly as: (account: DemoAccount) => AuthenticatedUser,
    private readonly resident: (key: ResidentKey) => AuthenticatedUser,
    private readonly area: (key: AreaKey) => string,
  ) {
    this.programmes = app.get(ProgrammesService);
    this.applications = app.get(ApplicationsService);
    this.review = app.get(ReviewService);
    this.agreements = app.get(AgreementService);
  }

  async run(): Promise<InitiativesSummary> {
    await this.programmes.put(this.as(ADMIN), this.year, INITIATIVES_PROGRAMME);
    const ids = new Map<DemoInitiative, string>();
    for (const x of INITIATIVES) ids.set(x, await this.application(x));
    // Registered in the order given, so that the case numbers follow it.
    for (const x of INITIATIVES) if (x.fate.kind !== 'draft') await this.applications.register(this.as(CITY_OFFICIAL), ids.get(x)!);
    for (const x of INITIATIVES) await this.advance(x, ids.get(x)!);

    const programme = await this.programmes.get(this.year);
    const applications: InitiativesSummary['applications'] = [];
    for (const x of INITIATIVES) {
      const f = await this.applications.full(ids.get(x)!);
      applications.push({
        id: f.id,
        caseNumber: f.caseNumber,
        title: f.title,
        status: f.status,
        applicant: f.applicantType === 'ngo' ? (f.ngoName ?? '') : f.contactName,
      });
    }
    return {
      programme: {
        year: programme.year,
        allocation: programme.allocation,
        remaining: programme.remaining,
        volunteerHourValue: programme.volunteerHourValue,
        minApplicants: programme.minApplicants,
        criteria: programme.criteria.length,
      },
      applications,
    };
  }

  private day(days: number): string {
    return zonedDate(new Date(this.now + days * DAY_MS));
  }

  private author(x: DemoInitiative): AuthenticatedUser {
    return x.author === 'ngo' ? this.as(NGO) : this.resident(x.author);
  }

  /** Started as a draft with the title, finished with the rest, the authorisation attached for an NGO, and submitted. */
  private async application(x: DemoInitiative): Promise<string> {
    const author = this.author(x);
    const contact = x.author === 'ngo' ? NGO : RESIDENTS.find((r) => r.key === x.author)!;
    const draft = await this.applications.create(author, { year: this.year, applicantType: x.input.applicantType, title: x.input.title });
    const { schedule, ...rest } = x.input;
    await this.applications.update(author, draft.id, {
      ...rest,
      applicants: x.applicants.map((k) => RESIDENT_ADDRESSES[k]),
      ...(x.input.applicantType === 'ngo' ? { ngoName: NGO.organisation, ngoKrs: NGO.krs } : {}),
      contactName: contact.displayName,
      contactEmail: contact.email,
      contactPublic: x.contactPublic,
      areaId: this.area(x.area),
      ...(schedule ? { schedule: schedule.map((s) => ({ from: this.day(s.from), to: this.day(s.to), activity: s.activity })) } : {}),
    });
    if (x.input.applicantType === 'ngo')
      await this.applications.attach(author, draft.id, {
        kind: 'authorisation',
        fileName: NGO_AUTHORISATION.fileName,
        mediaType: 'application/pdf',
        content: pdf(NGO_AUTHORISATION.text),
      });
    if (x.fate.kind !== 'draft') await this.applications.submit(author, draft.id);
    return draft.id;
  }

  /** From `registered` to where the application's fate leaves it. */
  private async advance(x: DemoInitiative, id: string): Promise<void> {
    const f = x.fate;
    if (f.kind === 'draft' || f.kind === 'registered') return;
    const official = this.as(CITY_OFFICIAL);
    await this.review.startFormalCheck(official, id);
    await this.review.passFormalCheck(official, id);
    // Scored by an official of the application's district where it has its own, otherwise by the city's.
    const evaluator = x.area === DISTRICT_OFFICIAL.district ? this.as(DISTRICT_OFFICIAL) : official;
    await this.review.score(evaluator, id, { scores: f.scores, remarks: f.remarks });
    if (f.kind === 'evaluation') return;
    // The city's official decides; if another evaluator scored, the scores are disclosed to them for the decision.
    if (evaluator !== official) await this.review.scores(official, id, { forDecision: true });
    await this.review.decide(official, id, { approve: f.kind !== 'rejected', purposefulness: f.purposefulness, reason: f.reason });
    if (f.kind === 'rejected') return;
    await this.agreements.draft(official, id, { termFrom: this.day(f.term.from), termTo: this.day(f.term.to) });
    await this.agreements.sign(official, id, this.day(0));
    await this.agreements.start(official, id);
    if (f.kind === 'in_progress') return;
    const { cityShare } = await this.applications.full(id);
    await this.agreements.fileReport(this.author(x), id, { ...f.report, cityShare });
    await this.agreements.complete(official, id);
  }
}
