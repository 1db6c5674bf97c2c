import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AreasService } from '@civitas/areas';
import { type AuthenticatedUser, SessionService } from '@civitas/auth';
import {
  AuthorsService,
  CostCorrectionsService,
  type Edition,
  EditionsService,
  MergesService,
  type Phase,
  ProjectsService,
  ReviewsService,
  type ReviewInput,
} from '@civitas/budget';
import { ConsultationRepository, ConsultationsService } from '@civitas/consultations';
import { InitiativesError, InitiativesErrorCode, ProgrammesService } from '@civitas/initiatives';
import { PasswordHasher, UserRepository, UsersService } from '@civitas/users';
import {
  ADMIN,
  ALL_ACCOUNTS,
  type AreaKey,
  CATEGORIES,
  CITY_OFFICIAL,
  CITY_POOL,
  type Decision,
  DEMO_CITY,
  DEMO_EDITION,
  type DemoAccount,
  type DemoProject,
  DISTRICT_OFFICIAL,
  DISTRICT_POOL,
  districtPoolName,
  DISTRICTS,
  MODERATOR,
  NEIGHBOURHOODS,
  NGO,
  PROJECTS,
  RESIDENTS,
  type ResidentKey,
} from './demo-city';
import { ConsultationsSeeder, type ConsultationsSummary } from './consultations-seeder';
import { InitiativesSeeder, type InitiativesSummary, initiativesYear } from './initiatives-seeder';
import { OPEN_CONSULTATION, REPORT_CONSULTATION } from './demo-consultations';
import { PAST_EDITION } from './demo-past-edition';
import { PastEditionSeeder, type PastEditionSummary } from './past-edition-seeder';
import { reviewerOf, reviewInput } from './reviews';
import { scheduleWith } from './schedule';

export interface SeedSummary {
  areas: { city: string; districts: string[]; neighbourhoods: string[] };
  accounts: DemoAccount[];
  edition: { id: string; name: string; currentPhase: Phase | null; pools: number };
  /** Projects per status, drafts included. */
  statuses: Record<string, number>;
  endorsements: number;
  /** The previous year's edition, run to the end: voted, tallied, its results published, its projects being carried out. */
  pastEdition: PastEditionSummary;
  consultations: ConsultationsSummary;
  initiatives: InitiativesSummary;
}

/** Is the demo city there already? (A root area of that name.) */
export async function demoCityExists(app: INestApplicationContext): Promise<boolean> {
  const areas = await app.get(AreasService).list();
  return areas.some((a) => a.parentId === null && a.name.toLocaleLowerCase('pl') === DEMO_CITY.name.toLocaleLowerCase('pl'));
}

/** Why the demo cannot be created next to what the database holds (before anything is written), or null. */
export async function seedConflicts(app: INestApplicationContext): Promise<string | null> {
  const users = app.get(UserRepository);
  const taken: string[] = [];
  for (const a of ALL_ACCOUNTS) if (await users.findByEmail(a.email)) taken.push(a.email);
  if (taken.length) return `These demo addresses already have accounts: ${taken.join(', ')}.`;
  const editions = await app.get(EditionsService).list({ includeDraft: true });
  // Edition names are unique whatever their case.
  const lower = (s: string) => s.toLocaleLowerCase('pl');
  for (const name of [DEMO_EDITION.name, PAST_EDITION.name]) {
    const clash = editions.find((e) => lower(e.name) === lower(name));
    if (clash) return `An edition named "${clash.name}" already exists.`;
  }
  const titles = [OPEN_CONSULTATION.input.title, REPORT_CONSULTATION.input.title];
  const consultations = await app.get(ConsultationsService).list({ includeDraft: true });
  const clash = consultations.find((c) => (titles as string[]).includes(c.title));
  if (clash) return `A consultation titled "${clash.title}" already exists.`;
  if (await app.get(ConsultationRepository).krsRegistered(NGO.krs)) return `An organisation with KRS ${NGO.krs} is already registered.`;
  const year = initiativesYear();
  const programme = await app
    .get(ProgrammesService)
    .get(year)
    .catch((err: unknown) => {
      if (err instanceof InitiativesError && err.code === InitiativesErrorCode.ProgrammeNotFound) return null;
      throw err;
    });
  if (programme) return `A programme of local initiatives for ${year} already exists.`;
  return null;
}

/**
 * Creates the demo city through the domain services, so that every rule is checked and every step is in the
 * projects' history and in the outbox (its notifications are delivered once the platform runs).
 */
export class DemoSeeder {
  private readonly areas: AreasService;
  private readonly users: UsersService;
  private readonly userRepo: UserRepository;
  private readonly hasher: PasswordHasher;
  private readonly sessions: SessionService;
  private readonly editions: EditionsService;
  private readonly projects: ProjectsService;
  private readonly reviews: ReviewsService;
  private readonly authors: AuthorsService;
  private readonly costs: CostCorrectionsService;
  private readonly merges: MergesService;
  private readonly ds: DataSource;

  private readonly areaIds = new Map<AreaKey, string>();
  private readonly people = new Map<DemoAccount['key'], AuthenticatedUser>();
  /** Project id → the resident who co-authors it. */
  private readonly coAuthors = new Map<string, ResidentKey>();
  private edition!: Edition;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly password: string,
  ) {
    this.areas = app.get(AreasService);
    this.users = app.get(UsersService);
    this.userRepo = app.get(UserRepository);
    this.hasher = app.get(PasswordHasher);
    this.sessions = app.get(SessionService);
    this.editions = app.get(EditionsService);
    this.projects = app.get(ProjectsService);
    this.reviews = app.get(ReviewsService);
    this.authors = app.get(AuthorsService);
    this.costs = app.get(CostCorrectionsService);
    this.merges = app.get(MergesService);
    this.ds = app.get(DataSource);
  }

  async run(): Promise<SeedSummary> {
    await this.createAreas();
    await this.createAccounts();
    await this.createEdition();
    const { ids, endorsements } = await this.submissionPhase();
    await this.moveTo('formal_review');
    await this.formalReview(ids);
    await this.moveTo('merit_review');
    await this.costCorrection(ids);
    await this.meritReview(ids);
    await this.exclusion(ids);
    await this.moveTo('appeals');
    await this.appeals(ids);
    // After the current edition, so that it stays the platform's first (the benchmarks copy its pools).
    const pastEdition = await new PastEditionSeeder(
      this.app,
      (a) => this.as(a),
      (k) => this.resident(k),
      (k) => this.area(k),
    ).run();
    const consultations = await new ConsultationsSeeder(
      this.app,
      (a) => this.as(a),
      (k) => this.resident(k),
      (k) => this.area(k),
    ).run();
    const initiatives = await new InitiativesSeeder(
      this.app,
      (a) => this.as(a),
      (k) => this.resident(k),
      (k) => this.area(k),
    ).run();

    const statuses: Record<string, number> = {};
    for (const id of ids.values()) {
      const { status } = await this.projects.get(this.as(ADMIN), id);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    const edition = await this.editions.get(this.edition.id);
    return {
      areas: { city: DEMO_CITY.name, districts: DISTRICTS.map((d) => d.name), neighbourhoods: NEIGHBOURHOODS.map((n) => n.name) },
      accounts: ALL_ACCOUNTS,
      edition: { id: edition.id, name: edition.name, currentPhase: edition.currentPhase, pools: edition.pools.length },
      statuses,
      endorsements,
      pastEdition,
      consultations,
      initiatives,
    };
  }

  private async createAreas(): Promise<void> {
    const city = await this.areas.create({ name: DEMO_CITY.name, kind: 'city', residentCount: DEMO_CITY.residents });
    this.areaIds.set('city', city.id);
    for (const d of DISTRICTS) {
      const area = await this.areas.create({ name: d.name, kind: 'district', parentId: city.id, residentCount: d.residents });
      this.areaIds.set(d.key, area.id);
    }
    for (const n of NEIGHBOURHOODS) {
      const area = await this.areas.create({ name: n.name, kind: 'neighbourhood', parentId: this.area(n.district), residentCount: n.residents });
      this.areaIds.set(n.key, area.id);
    }
  }

  private async createAccounts(): Promise<void> {
    const { user: admin } = await this.users.createOrPromoteAdmin({ email: ADMIN.email, password: this.password, displayName: ADMIN.displayName });
    await this.remember(ADMIN, admin.id);
    for (const account of [CITY_OFFICIAL, DISTRICT_OFFICIAL, MODERATOR, NGO, ...RESIDENTS]) {
      this.users.assertPasswordAllowed(this.password, account.email);
      const passwordHash = await this.hasher.hash(this.password);
      const id = await this.ds.transaction((m) =>
        this.userRepo.insertIfAbsent(m, { email: account.email, displayName: account.displayName, passwordHash, locale: 'pl', verified: true }),
      );
      if (!id) throw new Error(`${account.email} got an account while the demo was being created.`);
      if (account === CITY_OFFICIAL) await this.users.replaceRoles(id, [{ role: 'official' }]);
      if (account === DISTRICT_OFFICIAL) await this.users.replaceRoles(id, [{ role: 'official', areaIds: [this.area(DISTRICT_OFFICIAL.district)] }]);
      if (account === MODERATOR) await this.users.replaceRoles(id, [{ role: 'moderator' }]);
      await this.remember(account, id);
    }
  }

  /** The account as a signed-in request sees it: a session issued and authenticated like the API does. */
  private async remember(account: DemoAccount, userId: string): Promise<void> {
    const user = await this.userRepo.findById(userId);
    const { accessToken } = await this.sessions.issue({ id: userId, tokenVersion: user!.tokenVersion });
    this.people.set(account.key, await this.sessions.authenticate(accessToken));
  }

  private async createEdition(): Promise<void> {
    let edition = await this.editions.create({
      name: DEMO_EDITION.name,
      year: DEMO_EDITION.year,
      phases: scheduleWith('submission'),
      categories: CATEGORIES.map(({ namePl, nameEn }) => ({ namePl, nameEn })),
    });
    // Pools are fixed once submission has started in a published edition: add them while it is a draft.
    await this.editions.addPool(edition.id, { ...CITY_POOL, areaId: null });
    for (const d of DISTRICTS) {
      await this.editions.addPool(edition.id, {
        name: districtPoolName(d.name),
        areaId: this.area(d.key),
        amount: d.poolAmount,
        minCost: DISTRICT_POOL.minCost,
        maxCostBp: DISTRICT_POOL.maxCostBp,
        signaturesRequired: DISTRICT_POOL.signaturesRequired,
      });
    }
    edition = await this.editions.publish(edition.id);
    this.edition = edition;
  }

  /** Drafts and submissions by the residents, then online endorsements by their neighbours. */
  private async submissionPhase(): Promise<{ ids: Map<DemoProject, string>; endorsements: number }> {
    const ids = new Map<DemoProject, string>();
    for (const p of PROJECTS) {
      const author = this.resident(p.author);
      const draft = await this.projects.createDraft(author, this.edition.id, {
        poolId: this.poolId(p.pool),
        categoryId: this.categoryId(p.category),
        areaId: this.area(p.area),
        title: p.title,
        summary: p.summary,
        description: p.description,
        justification: p.justification,
        beneficiaries: p.beneficiaries,
        address: p.address,
        costItems: p.costItems,
      });
      ids.set(p, draft.id);
      if (p === PROJECTS.find((x) => x.fate.kind === 'draft')) await this.coAuthor(author, draft.id);
      if (p.fate.kind !== 'draft') await this.projects.submit(author, draft.id);
    }
    let endorsements = 0;
    for (const [i, p] of PROJECTS.entries()) {
      if (p.fate.kind === 'draft') continue;
      // Four or five supporters each (every resident but the author, one skipped here and there): enough for the pools.
      for (const [j, r] of RESIDENTS.entries()) {
        if (r.key === p.author || this.coAuthors.get(ids.get(p)!) === r.key || (i + j) % 5 === 0) continue;
        await this.projects.endorse(this.resident(r.key), ids.get(p)!);
        endorsements++;
      }
    }
    return { ids, endorsements };
  }

  private async formalReview(ids: Map<DemoProject, string>): Promise<void> {
    for (const p of PROJECTS) {
      const id = ids.get(p)!;
      const f = p.fate;
      switch (f.kind) {
        case 'draft':
        case 'submitted':
          break;
        case 'correction_requested':
          await this.review(p, id, 'formal', 'correction', f.correction);
          break;
        case 'formal_review':
          await this.review(p, id, 'formal', 'correction', f.correction);
          await this.projects.update(this.resident(p.author), id, f.fix);
          await this.reviews.resubmit(this.resident(p.author), id);
          break;
        case 'rejected':
          await this.review(p, id, 'formal', f.stage === 'formal' ? 'negative' : 'positive', f.stage === 'formal' ? f.decision : undefined);
          break;
        case 'admitted':
          if (f.correction) {
            await this.review(p, id, 'formal', 'correction', f.correction.decision);
            await this.projects.update(this.resident(p.author), id, f.correction.fix);
            await this.reviews.resubmit(this.resident(p.author), id);
          }
          await this.review(p, id, 'formal', 'positive');
          break;
        default:
          await this.review(p, id, 'formal', 'positive');
      }
    }
  }

  private async meritReview(ids: Map<DemoProject, string>): Promise<void> {
    for (const p of PROJECTS) {
      const id = ids.get(p)!;
      const f = p.fate;
      if (f.kind === 'admitted') await this.review(p, id, 'merit', 'positive');
      if (f.kind === 'rejected' && f.stage === 'merit') await this.review(p, id, 'merit', 'negative', f.decision);
      if (f.kind === 'appealed' || f.kind === 'appeal_upheld' || f.kind === 'appeal_dismissed') await this.review(p, id, 'merit', 'negative', f.rejection);
    }
  }

  private async appeals(ids: Map<DemoProject, string>): Promise<void> {
    for (const p of PROJECTS) {
      const id = ids.get(p)!;
      const f = p.fate;
      if (f.kind !== 'appealed' && f.kind !== 'appeal_upheld' && f.kind !== 'appeal_dismissed') continue;
      await this.reviews.appeal(this.resident(p.author), id, f.appeal);
      if (f.kind === 'appealed') continue;
      await this.reviews.decideAppeal(this.reviewerOf(p), id, { upheld: f.kind === 'appeal_upheld', justification: f.ruling });
    }
  }

  /** The first draft gets a co-author, invited by e-mail and accepting. */
  private async coAuthor(author: AuthenticatedUser, projectId: string): Promise<void> {
    const key = RESIDENTS.find((r) => this.resident(r.key).id !== author.id)!.key;
    const coAuthor = this.resident(key);
    await this.authors.invite(author, projectId, { email: coAuthor.email });
    await this.authors.respond(coAuthor, projectId, true);
    this.coAuthors.set(projectId, key);
  }

  /** The official corrects the cost of the first project that will be admitted, and its author accepts. */
  private async costCorrection(ids: Map<DemoProject, string>): Promise<void> {
    const p = PROJECTS.find((x) => x.fate.kind === 'admitted')!;
    const id = ids.get(p)!;
    const items = p.costItems.map((i) => ({ description: i.description, amount: Math.round((i.amount * 0.9) / 100) * 100 }));
    const proposal = await this.costs.propose(this.reviewerOf(p), id, {
      costItems: items,
      justification: 'Koszt przeliczony według cennika jednostek miejskich na 2027 r. (ceny niższe o ok. 10%).',
    });
    await this.costs.respond(this.resident(p.author), id, proposal.id, { accept: true, response: 'Zgadzamy się z korektą.' });
  }

  /** Two admitted projects of one pool are marked mutually exclusive, if the demo has such a pair. */
  private async exclusion(ids: Map<DemoProject, string>): Promise<void> {
    const admitted = PROJECTS.filter((x) => x.fate.kind === 'admitted');
    for (const a of admitted) {
      const b = admitted.find((x) => x !== a && x.pool === a.pool);
      if (!b) continue;
      await this.merges.exclude(this.as(CITY_OFFICIAL), this.edition.id, {
        projectIds: [ids.get(a)!, ids.get(b)!],
        reason: 'Oba projekty zajmują ten sam teren: można zrealizować tylko jeden z nich.',
      });
      return;
    }
  }

  private async review(p: DemoProject, id: string, stage: 'formal' | 'merit', outcome: ReviewInput['outcome'], decision?: Decision): Promise<void> {
    await this.reviews.review(this.reviewerOf(p), id, reviewInput(this.edition.rules.criteria, stage, outcome, decision));
  }

  private reviewerOf(p: DemoProject): AuthenticatedUser {
    return this.as(reviewerOf(p));
  }

  private async moveTo(phase: Phase): Promise<void> {
    this.edition = await this.editions.update(this.edition.id, { phases: scheduleWith(phase) });
  }

  private as(account: DemoAccount): AuthenticatedUser {
    return this.people.get(account.key)!;
  }

  private resident(key: ResidentKey): AuthenticatedUser {
    return this.people.get(key)!;
  }

  private area(key: AreaKey): string {
    return this.areaIds.get(key)!;
  }

  private poolId(pool: DemoProject['pool']): string {
    const name = pool === 'city' ? CITY_POOL.name : districtPoolName(DISTRICTS.find((d) => d.key === pool)!.name);
    return this.edition.pools.find((p) => p.name === name)!.id;
  }

  private categoryId(key: DemoProject['category']): string {
    const namePl = CATEGORIES.find((c) => c.key === key)!.namePl;
    return this.edition.categories.find((c) => c.namePl === namePl)!.id;
  }
}
