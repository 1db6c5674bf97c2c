import { AreaRepository } from '@civitas/areas';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { contentMatches, DomainError, FieldText, plainText, UPLOAD_MAX_BYTES, zonedDate, type AttachmentMediaType } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import { assertAuthorAct, assertMove, EDITABLE_STATUSES, isCarriedOut, submissionMove, type InitiativeStatus } from './initiative-status';
import { field, InitiativesError, InitiativesErrorCode } from './initiatives.errors';
import { Programme, ProgrammesService } from './programmes.service';
import { TASK_AREA_KEYS, type TaskArea } from './task-areas';
import { Clock } from '@civitas/config';
import { ApplicationRepository, type InitiativeQueueQuery } from './application.repository';
import { ProgrammeRepository } from './programme.repository';

/** The application's documents, and `report_photo`: photos of what was done, for the final report (PNG or JPEG, while in progress). */
export const ATTACHMENT_KINDS = ['authorisation', 'owner_consent', 'support_list', 'other', 'report_photo'] as const;
export type InitiativeAttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface Applicant {
  firstName: string;
  lastName: string;
  address: string;
}

export interface ApplicationInput {
  year?: number;
  applicantType?: 'residents' | 'ngo';
  ngoName?: string | null;
  ngoKrs?: string | null;
  applicants?: Applicant[];
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string | null;
  contactPublic?: boolean;
  taskArea?: TaskArea;
  title?: string;
  description?: string;
  location?: string;
  areaId?: string | null;
  landOwner?: 'city' | 'other' | 'none';
  schedule?: Array<{ from: string; to: string; activity: string }>;
  totalCost?: number;
  volunteerPeople?: number;
  volunteerHours?: number;
  inKind?: Array<{ item: string; value: number }>;
  cash?: number;
  cityShare?: Array<{ kind: 'services' | 'materials' | 'equipment'; description: string; value: number }>;
  beneficiaries?: string;
  beneficiariesCount?: number;
}

/** What anyone sees in the public register: the task, the money and the decision, no personal data. */
export interface PublicInitiative {
  id: string;
  year: number;
  caseNumber: string | null;
  status: InitiativeStatus;
  applicantType: 'residents' | 'ngo';
  /** An organisation applying for the residents is public; a resident contact person only when they agreed. */
  ngoName: string | null;
  contactName: string | null;
  taskArea: TaskArea;
  taskAreaLabel: { pl: string; en: string };
  title: string;
  description: string;
  location: string;
  areaId: string | null;
  schedule: Array<{ from: string; to: string; activity: string }>;
  totalCost: number;
  contribution: {
    volunteerPeople: number;
    volunteerHours: number;
    volunteerValue: number;
    inKind: Array<{ item: string; value: number }>;
    inKindValue: number;
    cash: number;
    total: number;
  };
  cityShare: Array<{ kind: 'services' | 'materials' | 'equipment'; description: string; value: number }>;
  cityShareTotal: number;
  beneficiaries: string;
  beneficiariesCount: number;
  applicantsCount: number;
  score: number | null;
  decision: { purposefulness: string | null; reason: string | null; decidedAt: Date | null } | null;
  submittedAt: Date | null;
  registeredAt: Date | null;
  /** What was actually contributed, from the final report (its totals; the summary's words are the applicants'). */
  finalReport: Record<string, unknown> | null;
}

/** What the applicants and the officials see: everything. */
export interface FullInitiative extends PublicInitiative {
  ngoKrs: string | null;
  applicants: Applicant[];
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  contactPublic: boolean;
  landOwner: 'city' | 'other' | 'none';
  correctionDeadline: Date | null;
  correctionNote: string | null;
  attachments: Array<{ id: string; kind: InitiativeAttachmentKind; fileName: string; mediaType: string; size: number }>;
  agreement: { number: string | null; termFrom: string | null; termTo: string | null; signedAt: Date | null };
  terminatedReason: string | null;
  createdBy: string;
}

export interface InitiativeRow {
  id: string;
  status: InitiativeStatus;
  programme_id: string;
  year: number;
  area_id: string | null;
  created_by: string;
  title: string;
  case_number: string | null;
  contact_email: string;
  city_share_total: string;
  correction_deadline: Date | null;
}

/** What waits on an official in the local initiatives' desk queue. */
export const INITIATIVE_QUEUE_KINDS = ['register', 'check', 'score', 'decide', 'agreement', 'start', 'report'] as const;
export type InitiativeQueueKind = (typeof INITIATIVE_QUEUE_KINDS)[number];

export interface InitiativeQueueFilter {
  kind?: InitiativeQueueKind;
  year?: number;
  areaId?: string;
}

/** One row of the queue, with the deadline it is sorted by (and since when it waits). */
export interface InitiativeQueueRow {
  id: string;
  kind: InitiativeQueueKind;
  caseNumber: string | null;
  title: string;
  status: InitiativeStatus;
  year: number;
  areaName: string | null;
  cityShareTotal: number;
  deadline: Date | null;
  since: Date | null;
}

/** One step of an application's history as the officials of its area read it (from the audit log; no details). */
export interface InitiativeHistoryEntry {
  action: string;
  at: Date;
  actorName: string | null;
}

const KRS = /^[0-9]{10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The totals of a final report that the public register shows. */
const PUBLIC_REPORT_FIELDS = ['volunteerPeople', 'volunteerHours', 'volunteerValue', 'inKindValue', 'cash', 'contributionTotal', 'cityShareTotal', 'filedAt'];

const sum = (xs: Array<{ value: number }>) => xs.reduce((s, x) => s + x.value, 0);

/**
 * Applications for a local initiative (arts. 19b–19h u.d.p.p., DESIGN §4.5): drafted by a resident (the contact
 * person's account) and finished later, submitted complete, registered by an official with a case number and an
 * acknowledgement. Applicants see their own applications in full; the public register shows no personal data.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly programmes: ProgrammesService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly applicationsRepo: ApplicationRepository,
    private readonly programmesRepo: ProgrammeRepository,
    private readonly areas: AreaRepository,
  ) {}

  async row(m: EntityManager, id: string, lock = false): Promise<InitiativeRow> {
    const r = lock ? await this.applicationsRepo.lockForUpdate(m, id) : await this.applicationsRepo.find(id, m);
    if (!r) throw InitiativesError.notFound();
    return r;
  }

  /** An official of the application's area (an unrestricted grant when it names none). */
  async isOfficial(user: AuthenticatedUser, r: Pick<InitiativeRow, 'area_id'>, m?: EntityManager): Promise<boolean> {
    return this.access.hasRole(user, 'official', r.area_id ?? null, m);
  }

  async assertOfficial(user: AuthenticatedUser, r: Pick<InitiativeRow, 'area_id'>, m?: EntityManager): Promise<void> {
    if (!(await this.isOfficial(user, r, m))) throw InitiativesError.notOfficialOfArea();
  }

  /** The application for its author (the contact person's account); 404 for anyone else's draft, 403 otherwise. */
  private async own(m: EntityManager, user: AuthenticatedUser, id: string): Promise<InitiativeRow> {
    const r = await this.row(m, id, true);
    if (r.created_by !== user.id) {
      if (r.status === 'draft') throw InitiativesError.notFound();
      throw InitiativesError.notYours();
    }
    return r;
  }

  /** Notifies the applicants (the author's account and the contact address) of a change, in the caller's transaction. */
  async tell(
    m: EntityManager,
    r: Pick<InitiativeRow, 'id' | 'created_by' | 'contact_email' | 'title'>,
    status: string,
    extra: { reason?: string; deadline?: string; caseNumber?: string; public?: boolean } = {},
  ): Promise<void> {
    const caseNumber = await this.applicationsRepo.caseNumber(m, r.id);
    await this.notifications.publish(m, {
      kind: 'initiative.status_changed',
      facts: {
        initiativeId: r.id,
        caseNumber: extra.caseNumber ?? caseNumber ?? '',
        title: r.title,
        status,
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(extra.deadline ? { deadline: extra.deadline } : {}),
      },
      userIds: [r.created_by],
      emails: [{ email: r.contact_email, locale: 'pl' }],
      ...(extra.public ? { topics: ['initiatives'] } : {}),
    });
  }

  /** Cleans and checks what is given; `complete` asks for everything a submission needs. All problems at once. */
  private check(
    input: ApplicationInput,
    programme: Programme,
    complete: boolean,
    attachments: InitiativeAttachmentKind[],
    problems: FieldText[],
  ): ApplicationInput {
    const bad = (f: string, pl: string, en: string) => problems.push(field(f, InitiativesErrorCode.InvalidApplication, { pl, en }));
    const text = (v: string | null | undefined) => (v === undefined || v === null ? v : plainText(v));
    const out: ApplicationInput = {
      ...input,
      ngoName: text(input.ngoName),
      contactName: text(input.contactName) ?? undefined,
      contactPhone: text(input.contactPhone),
      title: text(input.title) ?? undefined,
      description: text(input.description) ?? undefined,
      location: text(input.location) ?? undefined,
      beneficiaries: text(input.beneficiaries) ?? undefined,
      contactEmail: input.contactEmail?.trim().toLowerCase(),
      applicants: input.applicants?.map((a) => ({ firstName: plainText(a.firstName), lastName: plainText(a.lastName), address: plainText(a.address) })),
      schedule: input.schedule?.map((s) => ({ from: s.from, to: s.to, activity: plainText(s.activity) })),
      inKind: input.inKind?.map((k) => ({ item: plainText(k.item), value: k.value })),
      cityShare: input.cityShare?.map((c) => ({ kind: c.kind, description: plainText(c.description), value: c.value })),
    };
    if (input.taskArea !== undefined && !TASK_AREA_KEYS.includes(input.taskArea))
      bad(
        'taskArea',
        `Zadanie spoza listy ustawowej; dostępne: ${TASK_AREA_KEYS.join(', ')}.`,
        `Not a task of the statutory list; known: ${TASK_AREA_KEYS.join(', ')}.`,
      );
    if (out.contactEmail !== undefined && !EMAIL.test(out.contactEmail)) bad('contactEmail', 'Podaj poprawny adres e-mail.', 'Give a valid e-mail address.');
    if (input.ngoKrs != null && !KRS.test(input.ngoKrs)) bad('ngoKrs', 'Numer KRS ma 10 cyfr.', 'A KRS number has 10 digits.');
    out.applicants?.forEach((a, i) => {
      if (!a.firstName || !a.lastName || !a.address)
        bad(`applicants.${i}`, 'Podaj imię, nazwisko i adres wnioskodawcy.', "Give the applicant's first name, last name and address.");
    });
    out.schedule?.forEach((s, i) => {
      if (!DATE.test(s.from) || !DATE.test(s.to) || s.to < s.from || !s.activity)
        bad(
          `schedule.${i}`,
          'Harmonogram: daty RRRR-MM-DD (koniec nie przed początkiem) i opis działania.',
          'Schedule: dates YYYY-MM-DD (end not before start) and the activity.',
        );
    });
    out.inKind?.forEach((k, i) => {
      if (!k.item) bad(`inKind.${i}.item`, 'Opisz wkład rzeczowy.', 'Describe the in-kind contribution.');
    });
    out.cityShare?.forEach((c, i) => {
      if (!c.description) bad(`cityShare.${i}.description`, 'Opisz, czego oczekujecie od miasta.', 'Describe what you ask of the city.');
    });
    if (!complete) return out;

    const need = (f: keyof ApplicationInput, pl: string, en: string) => {
      const v = out[f];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) bad(f, pl, en);
    };
    need('title', 'Podaj tytuł zadania.', 'Give the title of the task.');
    need('description', 'Opisz zadanie.', 'Describe the task.');
    need('location', 'Podaj miejsce realizacji.', 'Give the location.');
    need('taskArea', 'Wskaż obszar zadania z listy ustawowej.', 'Choose the task area from the statutory list.');
    need('contactName', 'Podaj osobę do kontaktu.', 'Give the contact person.');
    need('contactEmail', 'Podaj adres e-mail osoby do kontaktu.', "Give the contact person's e-mail address.");
    need('schedule', 'Podaj harmonogram.', 'Give the schedule.');
    need('beneficiaries', 'Opisz adresatów zadania.', 'Describe who benefits.');
    if (!out.totalCost || out.totalCost <= 0) bad('totalCost', 'Podaj całkowity koszt zadania.', 'Give the total cost of the task.');
    if (!out.beneficiariesCount || out.beneficiariesCount <= 0) bad('beneficiariesCount', 'Podaj liczbę adresatów.', 'Give the number of beneficiaries.');
    if (out.applicantType === 'ngo') {
      if (!out.ngoName) bad('ngoName', 'Podaj nazwę organizacji.', 'Give the organisation name.');
      if (!out.ngoKrs) bad('ngoKrs', 'Podaj numer KRS organizacji.', "Give the organisation's KRS number.");
      if (!attachments.includes('authorisation'))
        bad(
          'attachments',
          'Organizacja działa w imieniu mieszkańców: dołącz ich upoważnienie (rodzaj „authorisation”).',
          "An organisation acts for the residents: attach their authorisation (kind 'authorisation').",
        );
    }
    if ((out.applicants?.length ?? 0) < programme.minApplicants)
      bad(
        'applicants',
        `Wniosek składa co najmniej ${programme.minApplicants} mieszkańców (wymienionych z imienia, nazwiska i adresu).`,
        `At least ${programme.minApplicants} residents apply (named, with their address).`,
      );
    if (out.landOwner === 'other' && !attachments.includes('owner_consent'))
      bad(
        'attachments',
        'Teren nie należy do miasta: dołącz zgodę właściciela (rodzaj „owner_consent”).',
        "The land is not the city's: attach the owner's consent (kind 'owner_consent').",
      );
    const volunteer = (out.volunteerPeople ?? 0) * (out.volunteerHours ?? 0);
    if (volunteer === 0 && sum(out.inKind ?? []) === 0 && (out.cash ?? 0) === 0)
      bad(
        'volunteerHours',
        'Inicjatywa lokalna wymaga wkładu mieszkańców: pracy społecznej, świadczeń rzeczowych lub pieniędzy.',
        "A local initiative needs the residents' contribution: volunteer work, goods or money.",
      );
    if (sum(out.cityShare ?? []) <= 0)
      bad('cityShare', 'Określ, czego oczekujecie od miasta (usługi, materiały, sprzęt).', 'Say what you ask of the city (services, materials, equipment).');
    return out;
  }

  async create(user: AuthenticatedUser, input: ApplicationInput): Promise<FullInitiative> {
    const programme = await this.programmes.get(input.year ?? Number(zonedDate(this.clock.now()).slice(0, 4)));
    const problems: FieldText[] = [];
    const a = this.check(input, programme, false, [], problems);
    if (!a.title) problems.push(field('title', 'required', { pl: 'Podaj tytuł zadania.', en: 'Give the title of the task.' }));
    if (!a.applicantType) problems.push(field('applicantType', 'required', { pl: 'Wskaż, kto składa wniosek.', en: 'Say who applies.' }));
    if (problems.length) throw InitiativesError.invalidApplication(problems);
    const id = await this.ds.transaction(async (m) => {
      await this.checkArea(m, a.areaId);
      const id = await this.applicationsRepo.insertDraft(m, {
        programmeId: programme.id,
        applicantType: a.applicantType,
        contactName: a.contactName ?? '',
        contactEmail: a.contactEmail ?? user.email,
        taskArea: a.taskArea ?? 'community_development',
        title: a.title,
        createdBy: user.id,
      });
      await this.write(m, id, a, programme);
      return id;
    });
    return this.full(id);
  }

  private async checkArea(m: EntityManager, areaId: string | null | undefined): Promise<void> {
    if (!areaId) return;
    if (!(await this.areas.findById(areaId, m)))
      throw InitiativesError.invalidApplication([
        field('areaId', InitiativesErrorCode.AreaNotFound, { pl: 'Nie ma takiego obszaru.', en: 'There is no such area.' }),
      ]);
  }

  /** Writes the given fields (a partial update), the applicants and the derived sums. */
  private async write(m: EntityManager, id: string, a: ApplicationInput, programme: Programme): Promise<void> {
    await this.applicationsRepo.updateFields(m, id, a);
    await this.applicationsRepo.updateCityShareTotal(m, id);
    if (a.applicants) await this.applicationsRepo.replaceApplicants(m, id, a.applicants);
    void programme;
  }

  /** The author changes a draft, or an application sent back for correction before its deadline. */
  async update(user: AuthenticatedUser, id: string, input: ApplicationInput): Promise<FullInitiative> {
    await this.ds.transaction(async (m) => {
      const r = await this.own(m, user, id);
      assertAuthorAct(r.status, 'edit');
      if (r.status === 'correction_requested' && r.correction_deadline && r.correction_deadline.getTime() < this.clock.ms())
        throw InitiativesError.correctionDeadlinePassed();
      const programme = await this.programmes.get(r.year, m);
      const problems: FieldText[] = [];
      const a = this.check(input, programme, false, [], problems);
      // A draft may lack most things, but not its title: one given must say something once its tags are out.
      if (a.title !== undefined && !a.title) problems.push(field('title', 'required', { pl: 'Podaj tytuł zadania.', en: 'Give the title of the task.' }));
      if (problems.length) throw InitiativesError.invalidApplication(problems);
      await this.checkArea(m, a.areaId);
      await this.write(m, id, a, programme);
    });
    return this.full(id);
  }

  /** draft → submitted: complete, while the year's intake is open; a corrected application goes back to the formal check. */
  async submit(user: AuthenticatedUser, id: string, now = this.clock.now()): Promise<FullInitiative> {
    await this.ds.transaction(async (m) => {
      const r = await this.own(m, user, id);
      assertMove(r.status, submissionMove(r.status), EDITABLE_STATUSES);
      const programme = await this.programmes.get(r.year, m);
      const current = await this.input(m, id);
      const kinds = await this.applicationsRepo.attachmentKinds(m, id);
      const problems: FieldText[] = [];
      this.check(current, programme, true, kinds, problems);
      if (problems.length) throw InitiativesError.invalidApplication(problems);
      if (r.status === 'correction_requested') {
        if (r.correction_deadline && r.correction_deadline.getTime() < now.getTime()) throw InitiativesError.correctionDeadlinePassed();
        await this.applicationsRepo.markCorrected(m, id);
        await appendAudit(m, { actorId: user.id, action: 'initiatives.corrected', subjectType: 'initiative', subjectId: id });
        return;
      }
      if (!this.programmes.intakeOpen(programme, zonedDate(now))) throw InitiativesError.intakeClosed(programme.year);
      if (programme.remaining <= 0) throw InitiativesError.allocationUsedUp(programme.year);
      await this.applicationsRepo.markSubmitted(m, id, now);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.submitted', subjectType: 'initiative', subjectId: id });
    });
    return this.full(id);
  }

  /** submitted → registered: the case number IL/<year>/<0001…> and the acknowledgement to the applicants. */
  async register(user: AuthenticatedUser, id: string): Promise<FullInitiative> {
    await this.ds.transaction(async (m) => {
      const r = await this.row(m, id, true);
      if (r.status === 'draft') throw InitiativesError.notFound();
      await this.assertOfficial(user, r, m);
      assertMove(r.status, 'registered');
      const n = await this.programmesRepo.nextCaseNumber(m, r.programme_id);
      const caseNumber = `IL/${r.year}/${String(n).padStart(4, '0')}`;
      await this.applicationsRepo.markRegistered(m, id, caseNumber);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.registered', subjectType: 'initiative', subjectId: id, details: { caseNumber } });
      await this.tell(m, r, 'registered', { caseNumber });
    });
    return this.full(id);
  }

  /** The application's own fields as input (to check it whole before submission). */
  private async input(m: EntityManager, id: string): Promise<ApplicationInput> {
    const f = await this.full(id, m);
    return {
      applicantType: f.applicantType,
      ngoName: f.ngoName,
      ngoKrs: f.ngoKrs,
      applicants: f.applicants,
      contactName: f.contactName,
      contactEmail: f.contactEmail,
      contactPhone: f.contactPhone,
      taskArea: f.taskArea,
      title: f.title,
      description: f.description,
      location: f.location,
      areaId: f.areaId,
      landOwner: f.landOwner,
      schedule: f.schedule,
      totalCost: f.totalCost,
      volunteerPeople: f.contribution.volunteerPeople,
      volunteerHours: f.contribution.volunteerHours,
      inKind: f.contribution.inKind,
      cash: f.contribution.cash,
      cityShare: f.cityShare,
      beneficiaries: f.beneficiaries,
      beneficiariesCount: f.beneficiariesCount,
    };
  }

  async full(id: string, m: EntityManager = this.ds.manager): Promise<FullInitiative> {
    const f = await this.applicationsRepo.findFull(id, m);
    if (!f) throw InitiativesError.notFound();
    return f;
  }

  /** The public parts: no applicants, no contact details (the contact name only if they agreed), no KRS-less guesses. */
  toPublic(f: FullInitiative): PublicInitiative {
    return {
      id: f.id,
      year: f.year,
      caseNumber: f.caseNumber,
      status: f.status,
      applicantType: f.applicantType,
      ngoName: f.applicantType === 'ngo' ? f.ngoName : null,
      contactName: f.contactPublic ? f.contactName : null,
      taskArea: f.taskArea,
      taskAreaLabel: f.taskAreaLabel,
      title: f.title,
      description: f.description,
      location: f.location,
      areaId: f.areaId,
      schedule: f.schedule,
      totalCost: f.totalCost,
      contribution: f.contribution,
      cityShare: f.cityShare,
      cityShareTotal: f.cityShareTotal,
      beneficiaries: f.beneficiaries,
      beneficiariesCount: f.beneficiariesCount,
      applicantsCount: f.applicantsCount,
      score: f.score,
      decision: f.decision,
      submittedAt: f.submittedAt,
      registeredAt: f.registeredAt,
      finalReport: f.finalReport ? Object.fromEntries(Object.entries(f.finalReport).filter(([k]) => PUBLIC_REPORT_FIELDS.includes(k))) : null,
    };
  }

  /** One application as the caller may see it: in full for its author and the officials of its area, else public (never a draft). */
  async view(user: AuthenticatedUser | undefined, id: string): Promise<PublicInitiative | FullInitiative> {
    const r = await this.row(this.ds.manager, id);
    if (user && (r.created_by === user.id || (await this.isOfficial(user, r)))) {
      if (r.status === 'draft' && r.created_by !== user.id) throw InitiativesError.notFound();
      return this.full(id);
    }
    if (r.status === 'draft') throw InitiativesError.notFound();
    return this.toPublic(await this.full(id));
  }

  /** The public register: not drafts; by year, status and area. */
  async publicRegister(opts: { year?: number; status?: InitiativeStatus; areaId?: string }): Promise<PublicInitiative[]> {
    // One query: the public parts need the number of applicants, never the applicants or the attachments.
    const rows = await this.applicationsRepo.listPublic(opts);
    return rows.map((r) => this.toPublic(r));
  }

  /** The author's own applications, drafts included, in full. */
  async mine(user: AuthenticatedUser): Promise<FullInitiative[]> {
    const ids = await this.applicationsRepo.listIdsByCreator(user.id);
    const out: FullInitiative[] = [];
    for (const id of ids) out.push(await this.full(id));
    return out;
  }

  /** Officials: every application of their areas that is not a draft, in full. */
  async forOfficials(user: AuthenticatedUser, opts: { year?: number; status?: InitiativeStatus }): Promise<FullInitiative[]> {
    const rows = await this.applicationsRepo.listSubmitted(opts);
    const out: FullInitiative[] = [];
    for (const r of rows) if (await this.isOfficial(user, r)) out.push(await this.full(r.id));
    return out;
  }

  /**
   * The desk's queue: the applications of the official's areas (a grant over an area covers the areas inside it; an
   * application of the whole city needs a grant over the whole city, as for every act on it) that wait on them — to
   * register, to check formally, to score (not yet scored by them), to decide, the agreement to draw up or sign, the
   * task to start, the final report to accept; filtered, nearest deadline first, then the longest waiting, paged.
   */
  async queue(user: AuthenticatedUser, f: InitiativeQueueFilter & { page: number; pageSize: number }): Promise<{ rows: InitiativeQueueRow[]; total: number }> {
    await this.access.assertRole(user, 'official');
    const q = this.queueQuery(user, f);
    const total = await this.applicationsRepo.countQueue(q);
    const rows = await this.applicationsRepo.queuePage(q, f.pageSize, (f.page - 1) * f.pageSize);
    return { total, rows };
  }

  /** What waits in one kind of the queue for the official: how many, and the nearest deadline (the desk's start page). */
  async queueCount(user: AuthenticatedUser, kind: InitiativeQueueKind): Promise<{ count: number; nextDeadline: Date | null }> {
    return this.applicationsRepo.queueSummary(this.queueQuery(user, { kind }));
  }

  /** The years with a programme, newest first (the queue's filter). */
  async programmeYears(): Promise<number[]> {
    return this.programmesRepo.listYears();
  }

  /** What the queue of the official holds: the areas of their grants, the kinds asked for, the filters. */
  private queueQuery(user: AuthenticatedUser, f: InitiativeQueueFilter): InitiativeQueueQuery {
    const grants = user.grants.filter((g) => g.role === 'official' || g.role === 'admin');
    return {
      areaIds: grants.some((g) => g.areaId === null) ? null : grants.map((g) => g.areaId),
      officialId: user.id,
      kinds: f.kind ? [f.kind] : INITIATIVE_QUEUE_KINDS,
      year: f.year,
      areaId: f.areaId,
    };
  }

  /** An application's history for the officials of its area: each act in the audit log, when, by whom (no details). */
  async history(user: AuthenticatedUser, id: string): Promise<InitiativeHistoryEntry[]> {
    const r = await this.row(this.ds.manager, id);
    if (r.status === 'draft') throw InitiativesError.notFound();
    await this.assertOfficial(user, r);
    return this.applicationsRepo.listHistory(id);
  }

  /**
   * An attachment added by the author while the application can change (PDF, PNG or JPEG checked by content); a photo
   * for the final report (`report_photo`, PNG or JPEG) while it is carried out.
   */
  async attach(
    user: AuthenticatedUser,
    id: string,
    file: { kind: InitiativeAttachmentKind; fileName: string; mediaType: string; content: Buffer },
  ): Promise<FullInitiative['attachments'][number]> {
    const name = plainText(file.fileName).slice(0, 200);
    if (!file.content.length || !name)
      throw new DomainError('invalid', 'validation_failed', { pl: 'Dane żądania są nieprawidłowe.', en: 'The request data is invalid.' }, [
        !name
          ? { field: 'name', code: 'isNotEmpty', text: { pl: 'Podaj nazwę pliku.', en: 'Give the file name.' } }
          : { field: 'body', code: 'isNotEmpty', text: { pl: 'Plik nie może być pusty.', en: 'The file must not be empty.' } },
      ]);
    if (file.content.length > UPLOAD_MAX_BYTES) throw InitiativesError.fileTooLarge();
    if (!contentMatches(file.mediaType, file.content)) throw InitiativesError.unsupportedFile();
    const photo = file.kind === 'report_photo';
    if (photo && file.mediaType === 'application/pdf') throw InitiativesError.reportPhotoNotImage();
    const mediaType: AttachmentMediaType = file.mediaType;
    return this.ds.transaction(async (m) => {
      const r = await this.own(m, user, id);
      // Documents while the application can change; photos of what was done while it is carried out (the final report).
      if (photo && !isCarriedOut(r.status)) throw InitiativesError.reportPhotoNotCarriedOut();
      if (!photo) assertAuthorAct(r.status, 'edit');
      if ((await this.applicationsRepo.countAttachments(m, id)) >= 20) throw InitiativesError.tooManyAttachments();
      return this.applicationsRepo.insertAttachment(m, {
        initiativeId: id,
        kind: file.kind,
        fileName: name,
        mediaType,
        content: file.content,
        createdBy: user.id,
      });
    });
  }

  /** An attachment for the author and the officials of the area (attachments may hold personal data: never public). */
  async download(user: AuthenticatedUser, id: string, attachmentId: string): Promise<{ fileName: string; mediaType: string; size: number; content: Buffer }> {
    const r = await this.row(this.ds.manager, id);
    if (r.created_by !== user.id && (r.status === 'draft' || !(await this.isOfficial(user, r)))) throw InitiativesError.notFound();
    const f = await this.applicationsRepo.findAttachment(id, attachmentId);
    if (!f) throw InitiativesError.attachmentNotFound();
    return f;
  }
}
