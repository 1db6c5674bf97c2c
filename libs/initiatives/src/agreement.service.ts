import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText, zonedDate, zonedInstant } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { agreementDocument, agreementFileName } from './agreement-document';
import { AgreementRepository } from './agreement.repository';
import { ApplicationsService, FullInitiative, InitiativeRow } from './applications.service';
import { assertAuthorAct, assertMove, WITH_AGREEMENT_STATUSES } from './initiative-status';
import { field, InitiativesError, InitiativesErrorCode } from './initiatives.errors';
import { ProgrammesService } from './programmes.service';
import { Clock } from '@civitas/config';

export interface AgreementInput {
  termFrom: string;
  termTo: string;
  number?: string | null;
}

export interface FinalReportInput {
  summary: string;
  volunteerPeople: number;
  volunteerHours: number;
  inKind: Array<{ item: string; value: number }>;
  cash: number;
  cityShare: Array<{ kind: 'services' | 'materials' | 'equipment'; description: string; value: number }>;
}

/** The final report as stored (initiatives.final_report): the actual contributions of both sides and their sums (grosze). */
export interface FinalReport extends FinalReportInput {
  volunteerHourValue: number;
  volunteerValue: number;
  inKindValue: number;
  contributionTotal: number;
  cityShareTotal: number;
  filedAt: string;
}

/** The totals of a final report, without its free text: what the public register may show. */
export type FinalReportTotals = Pick<
  FinalReport,
  'volunteerPeople' | 'volunteerHours' | 'volunteerValue' | 'inKindValue' | 'cash' | 'contributionTotal' | 'cityShareTotal' | 'filedAt'
>;

export function finalReportTotals(report: Record<string, unknown> | null): FinalReportTotals | null {
  if (!report) return null;
  const r = report as unknown as FinalReport;
  return {
    volunteerPeople: r.volunteerPeople,
    volunteerHours: r.volunteerHours,
    volunteerValue: r.volunteerValue,
    inKindValue: r.inKindValue,
    cash: r.cash,
    contributionTotal: r.contributionTotal,
    cityShareTotal: r.cityShareTotal,
    filedAt: r.filedAt,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in YYYY-MM-DD. */
const isDay = (v: unknown): v is string => typeof v === 'string' && DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/**
 * The agreement drawn from an approved application, its signature, the carrying out and the final report: the
 * officials of the application's area act, every act is audited and the applicants are told of each change of status.
 */
@Injectable()
export class AgreementService {
  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationsService,
    private readonly programmes: ProgrammesService,
    private readonly clock: Clock,
    private readonly agreementsRepo: AgreementRepository,
  ) {}

  /** The application for an official of its area, locked; a draft does not exist for them. */
  private async official(m: EntityManager, user: AuthenticatedUser, id: string): Promise<InitiativeRow> {
    const r = await this.applications.row(m, id, true);
    if (r.status === 'draft') throw InitiativesError.notFound();
    await this.applications.assertOfficial(user, r, m);
    return r;
  }

  /** approved → agreement_drafted (or a new draft while not signed): the term and the agreement number (default `<case number>/U`). */
  async draft(user: AuthenticatedUser, id: string, input: AgreementInput): Promise<FullInitiative> {
    const problems: FieldText[] = [];
    const bad = (f: string, pl: string, en: string) => problems.push(field(f, InitiativesErrorCode.InvalidAgreement, { pl, en }));
    if (!isDay(input.termFrom)) bad('termFrom', 'Podaj datę początku realizacji (RRRR-MM-DD).', 'Give the start date (YYYY-MM-DD).');
    if (!isDay(input.termTo)) bad('termTo', 'Podaj datę końca realizacji (RRRR-MM-DD).', 'Give the end date (YYYY-MM-DD).');
    else if (isDay(input.termFrom) && input.termTo < input.termFrom)
      bad('termTo', 'Koniec realizacji nie może poprzedzać jej początku.', 'The end cannot come before the start.');
    // Left out or null: the default number.
    const number = input.number === undefined || input.number === null ? undefined : plainText(input.number);
    if (number === '') bad('number', 'Numer umowy nie może być pusty.', 'The agreement number cannot be empty.');
    if (problems.length) throw InitiativesError.invalidAgreement(problems);
    await this.ds.transaction(async (m) => {
      const r = await this.official(m, user, id);
      assertMove(r.status, 'agreement_drafted');
      const agreementNumber = number ?? `${r.case_number ?? ''}/U`;
      await this.agreementsRepo.recordDraft(m, id, { number: agreementNumber, termFrom: input.termFrom, termTo: input.termTo });
      await appendAudit(m, {
        actorId: user.id,
        action: r.status === 'approved' ? 'initiatives.agreement_drafted' : 'initiatives.agreement_redrafted',
        subjectType: 'initiative',
        subjectId: id,
        details: { number: agreementNumber, termFrom: input.termFrom, termTo: input.termTo },
      });
      await this.applications.tell(m, r, 'agreement_drafted');
    });
    return this.applications.full(id);
  }

  /**
   * The agreement as an HTML document: for the officials of the area, and (`asApplicant`) for the application's
   * author too — the document names the applicants with their addresses, so nobody else gets it.
   */
  async document(user: AuthenticatedUser, id: string, asApplicant = false): Promise<{ fileName: string; html: string }> {
    const r = await this.applications.row(this.ds.manager, id);
    if (r.status === 'draft' && r.created_by !== user.id) throw InitiativesError.notFound();
    if (!(asApplicant && r.created_by === user.id)) await this.applications.assertOfficial(user, r);
    if (!WITH_AGREEMENT_STATUSES.includes(r.status)) throw InitiativesError.agreementNotFound();
    const f = await this.applications.full(id);
    const programme = await this.programmes.get(f.year);
    return { fileName: agreementFileName(f.caseNumber), html: agreementDocument({ ...f, volunteerHourValue: programme.volunteerHourValue }) };
  }

  /** agreement_drafted → agreement_signed, on the day both sides signed (not in the future). */
  async sign(user: AuthenticatedUser, id: string, signedOn: string, now = this.clock.now()): Promise<FullInitiative> {
    if (!isDay(signedOn) || signedOn > zonedDate(now))
      throw InitiativesError.invalidAgreement([
        field('signedOn', InitiativesErrorCode.InvalidAgreement, {
          pl: 'Podaj dzień podpisania (RRRR-MM-DD), nie późniejszy niż dziś.',
          en: 'Give the day of signing (YYYY-MM-DD), not later than today.',
        }),
      ]);
    const [y, mo, d] = signedOn.split('-').map(Number);
    await this.ds.transaction(async (m) => {
      const r = await this.official(m, user, id);
      assertMove(r.status, 'agreement_signed');
      // Noon in the city, so that the day stays the same in any time zone the instant is shown in.
      await this.agreementsRepo.recordSignature(m, id, zonedInstant(y, mo, d, 12, 0));
      await appendAudit(m, { actorId: user.id, action: 'initiatives.agreement_signed', subjectType: 'initiative', subjectId: id, details: { signedOn } });
      await this.applications.tell(m, r, 'agreement_signed');
    });
    return this.applications.full(id);
  }

  /** agreement_signed → in_progress. */
  async start(user: AuthenticatedUser, id: string): Promise<FullInitiative> {
    await this.ds.transaction(async (m) => {
      const r = await this.official(m, user, id);
      assertMove(r.status, 'in_progress');
      await this.agreementsRepo.markInProgress(m, id);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.started', subjectType: 'initiative', subjectId: id });
      await this.applications.tell(m, r, 'in_progress');
    });
    return this.applications.full(id);
  }

  /** agreement_signed | in_progress → terminated, with the reason; the city's share is no longer committed. */
  async terminate(user: AuthenticatedUser, id: string, reason: string): Promise<FullInitiative> {
    const why = plainText(reason ?? '');
    if (!why)
      throw InitiativesError.invalidAgreement([
        field('reason', InitiativesErrorCode.InvalidAgreement, {
          pl: 'Podaj przyczynę rozwiązania umowy.',
          en: 'Give the reason for terminating the agreement.',
        }),
      ]);
    await this.ds.transaction(async (m) => {
      const r = await this.official(m, user, id);
      assertMove(r.status, 'terminated');
      await this.agreementsRepo.recordTermination(m, id, why);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.terminated', subjectType: 'initiative', subjectId: id, details: { reason: why } });
      await this.applications.tell(m, r, 'terminated', { reason: why });
    });
    return this.applications.full(id);
  }

  /** The author files (or files again) the final report while the task is in progress: the actual contributions. All problems at once. */
  async fileReport(user: AuthenticatedUser, id: string, input: FinalReportInput, now = this.clock.now()): Promise<FullInitiative> {
    const problems: FieldText[] = [];
    const bad = (f: string, pl: string, en: string) => problems.push(field(f, InitiativesErrorCode.InvalidReport, { pl, en }));
    const summary = plainText(input.summary ?? '');
    const inKind = (input.inKind ?? []).map((k) => ({ item: plainText(k.item), value: k.value }));
    const cityShare = (input.cityShare ?? []).map((c) => ({ kind: c.kind, description: plainText(c.description), value: c.value }));
    if (!summary) bad('summary', 'Opisz, jak zadanie zostało wykonane.', 'Describe how the task was carried out.');
    inKind.forEach((k, i) => {
      if (!k.item) bad(`inKind.${i}.item`, 'Opisz wkład rzeczowy.', 'Describe the in-kind contribution.');
    });
    cityShare.forEach((c, i) => {
      if (!c.description) bad(`cityShare.${i}.description`, 'Opisz, co zapewniło miasto.', 'Describe what the city provided.');
    });
    const inKindValue = inKind.reduce((s, k) => s + k.value, 0);
    if (input.volunteerPeople * input.volunteerHours === 0 && inKindValue === 0 && input.cash === 0)
      bad(
        'volunteerHours',
        'Inicjatywa lokalna wymaga wkładu mieszkańców: wykaż pracę społeczną, świadczenia rzeczowe lub pieniądze.',
        "A local initiative needs the residents' contribution: report volunteer work, goods or money.",
      );
    if (problems.length) throw InitiativesError.invalidReport(problems);
    await this.ds.transaction(async (m) => {
      const r = await this.applications.row(m, id, true);
      if (r.created_by !== user.id) {
        if (r.status === 'draft') throw InitiativesError.notFound();
        throw InitiativesError.notYours();
      }
      assertAuthorAct(r.status, 'final_report');
      const programme = await this.programmes.get(r.year, m);
      const volunteerValue = input.volunteerPeople * input.volunteerHours * programme.volunteerHourValue;
      const report: FinalReport = {
        summary,
        volunteerPeople: input.volunteerPeople,
        volunteerHours: input.volunteerHours,
        volunteerHourValue: programme.volunteerHourValue,
        volunteerValue,
        inKind,
        inKindValue,
        cash: input.cash,
        contributionTotal: volunteerValue + inKindValue + input.cash,
        cityShare,
        cityShareTotal: cityShare.reduce((s, c) => s + c.value, 0),
        filedAt: now.toISOString(),
      };
      await this.agreementsRepo.saveFinalReport(m, id, report);
      await appendAudit(m, {
        actorId: user.id,
        action: 'initiatives.final_report_filed',
        subjectType: 'initiative',
        subjectId: id,
        details: { contributionTotal: report.contributionTotal, cityShareTotal: report.cityShareTotal },
      });
    });
    return this.applications.full(id);
  }

  /** in_progress with a final report → completed; the applicants and the `initiatives` subscribers are told. */
  async complete(user: AuthenticatedUser, id: string): Promise<FullInitiative> {
    await this.ds.transaction(async (m) => {
      const r = await this.official(m, user, id);
      assertMove(r.status, 'completed');
      if (!(await this.agreementsRepo.hasFinalReport(id, m))) throw InitiativesError.reportMissing();
      await this.agreementsRepo.markCompleted(m, id);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.completed', subjectType: 'initiative', subjectId: id });
      await this.applications.tell(m, r, 'completed', { public: true });
    });
    return this.applications.full(id);
  }
}
