import { randomInt } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import {
  BallotService,
  type Edition,
  EditionsService,
  ImplementationService,
  type ImplementationStatus,
  type Phase,
  type PhaseWindow,
  ProjectsService,
  ReviewsService,
} from '@civitas/budget';
import { zonedDate } from '@civitas/common';
import { type BallotInput, BallotsService, PaperBallotsService, ResultsService, TallyRunner, VoteRepository, VotingConfigService } from '@civitas/voting';
import { ADMIN, type AreaKey, CATEGORIES, CITY_OFFICIAL, type DemoAccount, districtPoolName, DISTRICTS, RESIDENTS, type ResidentKey } from './demo-city';
import {
  type DemoVoter,
  IMPLEMENTATION,
  PAST_CITY_POOL,
  PAST_DISTRICT,
  PAST_DISTRICT_POOL,
  PAST_EDITION,
  PAST_PROJECTS,
  PAST_SPECS,
  type PastProject,
  type PastProjectKey,
  VOTERS,
  voterEmail,
} from './demo-past-edition';
import { reviewerOf, reviewInput } from './reviews';
import { pastSchedule, scheduleWith } from './schedule';

const DAY_MS = 24 * 3600_000;

export interface PastEditionSummary {
  id: string;
  name: string;
  /** Null: every phase is over. */
  currentPhase: Phase | null;
  pools: number;
  /** How the ballot lists were ordered, and how many projects they hold. */
  ballot: { ordering: 'alphabetical' | 'lottery'; projects: number };
  /** Valid ballots per channel, and the invalid paper sheets. */
  ballots: { online: number; paper: number; invalid: number };
  /** The titles of the selected projects, and how many on the ballot were not selected. */
  selected: string[];
  notSelected: number;
  implementation: Record<ImplementationStatus, number>;
}

/**
 * The previous year's edition, run from the first draft to the implementation through the budget's and the voting's
 * services, as officials and residents would through the API: projects drafted, endorsed, submitted and admitted in
 * both reviews; the ballot lists drawn by lot; the voting policy and ballot specs set; ballots cast online (each
 * confirmed with its code) and on paper (each sheet keyed by the city's official and the admin); the tally run and
 * its results published by the city's official; progress reported on the selected projects. Each step happens with its phase under
 * way (the schedule is moved as an admin would, `scheduleWith`); at the end the edition gets `pastSchedule`: every
 * phase over, the implementation having ended the day before. The implementation reports are dated inside that
 * schedule's implementation phase.
 *
 * Jobs: the tally runs in the `tally-edition` job, which this command cannot wait for (its jobs stay in the outbox:
 * OutboxOnlyModule), so the run is computed here by the job's service (`TallyRunner`), as the worker would; the job
 * left in the outbox finds the run done and does nothing. No voter's data is logged or printed.
 */
export class PastEditionSeeder {
  private readonly editions: EditionsService;
  private readonly projects: ProjectsService;
  private readonly reviews: ReviewsService;
  private readonly ballot: BallotService;
  private readonly voting: VotingConfigService;
  private readonly ballots: BallotsService;
  private readonly paper: PaperBallotsService;
  private readonly results: ResultsService;
  private readonly tally: TallyRunner;
  private readonly votes: VoteRepository;
  private readonly implementation: ImplementationService;
  private readonly ds: DataSource;
  private readonly final: PhaseWindow[] = pastSchedule();
  private edition!: Edition;
  private readonly ids = new Map<PastProjectKey, string>();

  constructor(
    app: INestApplicationContext,
    private readonly as: (account: DemoAccount) => AuthenticatedUser,
    private readonly resident: (key: ResidentKey) => AuthenticatedUser,
    private readonly area: (key: AreaKey) => string,
  ) {
    this.editions = app.get(EditionsService);
    this.projects = app.get(ProjectsService);
    this.reviews = app.get(ReviewsService);
    this.ballot = app.get(BallotService);
    this.voting = app.get(VotingConfigService);
    this.ballots = app.get(BallotsService);
    this.paper = app.get(PaperBallotsService);
    this.results = app.get(ResultsService);
    this.tally = app.get(TallyRunner);
    this.votes = app.get(VoteRepository);
    this.implementation = app.get(ImplementationService);
    this.ds = app.get(DataSource);
  }

  async run(): Promise<PastEditionSummary> {
    await this.createEdition();
    await this.submission();
    await this.moveTo('formal_review');
    for (const p of PAST_PROJECTS) await this.review(p, 'formal');
    await this.moveTo('merit_review');
    for (const p of PAST_PROJECTS) await this.review(p, 'merit');
    await this.moveTo('ballot_list');
    const lists = await this.ballot.draw(this.edition.id);
    await this.votingRules();
    await this.moveTo('voting');
    for (const [i, v] of VOTERS.entries()) {
      if (v.channel === 'online') await this.voteOnline(v);
      else await this.keyPaper(this.sheet(i), this.ballotOf(v));
    }
    // A sheet from a voting point without the voter's signature: keyed as such, an invalid vote.
    await this.keyPaper(this.sheet(VOTERS.length), {}, 'unsigned');
    await this.moveTo('vote_verification');
    await this.tallyRun();
    await this.moveTo('results');
    await this.results.publishAsOfficial(this.as(CITY_OFFICIAL), this.edition.id);
    await this.moveTo('implementation');
    await this.implementationReports();
    this.edition = await this.editions.update(this.edition.id, { phases: this.final });
    return this.summary(lists);
  }

  private async createEdition(): Promise<void> {
    const edition = await this.editions.create({
      name: PAST_EDITION.name,
      year: PAST_EDITION.year,
      phases: scheduleWith('submission'),
      ballotOrder: 'lottery',
      categories: CATEGORIES.map(({ namePl, nameEn }) => ({ namePl, nameEn })),
    });
    // Pools are fixed once submission has started in a published edition: added while it is a draft.
    await this.editions.addPool(edition.id, { ...PAST_CITY_POOL, areaId: null });
    await this.editions.addPool(edition.id, {
      name: districtPoolName(this.districtName()),
      areaId: this.area(PAST_DISTRICT),
      amount: PAST_DISTRICT_POOL.amount,
      minCost: PAST_DISTRICT_POOL.minCost,
      maxCostBp: PAST_DISTRICT_POOL.maxCostBp,
      signaturesRequired: PAST_DISTRICT_POOL.signaturesRequired,
    });
    this.edition = await this.editions.publish(edition.id);
  }

  /** Every project drafted and submitted by its author, then endorsed online by the other five residents. */
  private async submission(): Promise<void> {
    for (const p of PAST_PROJECTS) {
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
      await this.projects.submit(author, draft.id);
      this.ids.set(p.key, draft.id);
    }
    for (const p of PAST_PROJECTS) {
      for (const r of RESIDENTS) if (r.key !== p.author) await this.projects.endorse(this.resident(r.key), this.id(p.key));
    }
  }

  private async review(p: PastProject, stage: 'formal' | 'merit'): Promise<void> {
    await this.reviews.review(this.as(reviewerOf(p)), this.id(p.key), reviewInput(this.edition.rules.criteria, stage, 'positive'));
  }

  /** Before voting opens (they are fixed then): confirmation by e-mail code, the greedy rule, approval ballots. */
  private async votingRules(): Promise<void> {
    const admin = this.as(ADMIN).id;
    await this.voting.setPolicy(admin, this.edition.id, { methods: ['email_code'], rule: 'greedy', duplicatePolicy: 'first_counts', maxAreaPools: 1 });
    await this.voting.setSpec(admin, this.poolId('city'), { ...PAST_SPECS.city });
    await this.voting.setSpec(admin, this.poolId(PAST_DISTRICT), { ...PAST_SPECS.district });
  }

  private ballotOf(v: DemoVoter): BallotInput {
    const choices = [];
    if (v.city.length) choices.push({ poolId: this.poolId('city'), projectIds: v.city.map((k) => this.id(k)) });
    if (v.district.length) choices.push({ poolId: this.poolId(PAST_DISTRICT), projectIds: v.district.map((k) => this.id(k)) });
    return {
      identity: { firstName: v.firstName, lastName: v.lastName, areaId: this.area(v.area) },
      choices,
      wantsResults: v.wantsResults ?? false,
      locale: 'pl',
    };
  }

  /**
   * An online ballot, pending until its code is confirmed. The code is what the `send-ballot-code` job would draw,
   * store (as a hash) and mail; here it is drawn and stored the same way and typed in at once, without the mail (the
   * job left in the outbox finds the ballot confirmed and sends nothing). The confirmation queues the receipt mail.
   */
  private async voteOnline(v: DemoVoter): Promise<void> {
    const account = v.resident ? RESIDENTS.find((r) => r.key === v.resident)! : null;
    const input = this.ballotOf(v);
    input.identity.email = account ? account.email : voterEmail(v);
    const receipt = await this.ballots.submit(this.edition.id, input, v.resident ? this.resident(v.resident).id : null);
    const id = await this.votes.findBallotIdByReference(receipt.reference);
    if (!id) throw new Error(`An online ballot of the past edition was not stored (${receipt.reference}).`);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.ballots.setCode(this.ds.manager, id, code);
    const confirmed = await this.ballots.confirm(receipt.reference, code);
    if (confirmed.status !== 'valid') throw new Error(`An online ballot of the past edition was not confirmed (${confirmed.status}).`);
  }

  /** A paper sheet keyed by two operators; the matching keyings make it a valid paper ballot (or an invalid vote). */
  private async keyPaper(sheet: string, input: Partial<BallotInput>, invalid?: 'unsigned'): Promise<void> {
    await this.paper.key(this.edition.id, this.as(CITY_OFFICIAL).id, sheet, input, invalid);
    const keyed = await this.paper.key(this.edition.id, this.as(ADMIN).id, sheet, input, invalid);
    if (keyed.status !== 'matched') throw new Error(`Paper sheet ${sheet} of the past edition was not matched (${keyed.status}).`);
  }

  private sheet(i: number): string {
    return `${PAST_EDITION.year}/${String(i + 1).padStart(4, '0')}`;
  }

  /** The city's official asks for the tally; the job's service computes it (see the class comment). */
  private async tallyRun(): Promise<void> {
    const { tallyRunId } = await this.results.requestTally(this.as(CITY_OFFICIAL), this.edition.id);
    await this.tally.run(tallyRunId);
    const { run } = await this.results.adminResults(this.edition.id);
    if (run?.status !== 'done')
      throw new Error(`The tally of the past edition did not finish: ${run?.status ?? 'no run'}${run?.error ? ` (${run.error})` : ''}.`);
  }

  /** The officials' reports, dated inside the implementation phase of the final schedule. */
  private async implementationReports(): Promise<void> {
    const start = this.final.find((w) => w.phase === 'implementation')!.startsAt.getTime();
    for (const { project, updates } of IMPLEMENTATION) {
      const p = PAST_PROJECTS.find((x) => x.key === project)!;
      for (const u of updates) {
        await this.implementation.postUpdate(this.as(reviewerOf(p)), this.id(project), {
          status: u.status,
          percent: u.percent ?? null,
          note: u.note,
          reason: u.reason ?? null,
          happenedOn: zonedDate(new Date(start + u.day * DAY_MS)),
        });
      }
    }
  }

  private async summary(lists: Awaited<ReturnType<BallotService['draw']>>): Promise<PastEditionSummary> {
    const id = this.edition.id;
    const turnout = await this.ballots.turnout(id);
    const { pools } = await this.results.publicResults(id);
    const rows = pools.flatMap((p) => p.projects);
    const implementation = await this.implementation.listForEdition(id, { page: 1, pageSize: 100 });
    return {
      id,
      name: this.edition.name,
      currentPhase: this.edition.currentPhase,
      pools: this.edition.pools.length,
      ballot: { ordering: lists[0]?.ordering ?? this.edition.ballotOrder, projects: lists.reduce((n, l) => n + l.projects.length, 0) },
      ballots: { online: turnout.byChannel.online, paper: turnout.byChannel.paper, invalid: turnout.invalid },
      selected: rows.filter((r) => r.selected).map((r) => r.title),
      notSelected: rows.filter((r) => !r.selected).length,
      implementation: implementation.counts,
    };
  }

  private async moveTo(phase: Phase): Promise<void> {
    this.edition = await this.editions.update(this.edition.id, { phases: scheduleWith(phase) });
  }

  private id(key: PastProjectKey): string {
    return this.ids.get(key)!;
  }

  private districtName(): string {
    return DISTRICTS.find((d) => d.key === PAST_DISTRICT)!.name;
  }

  private poolId(pool: PastProject['pool']): string {
    const name = pool === 'city' ? PAST_CITY_POOL.name : districtPoolName(DISTRICTS.find((d) => d.key === pool)!.name);
    return this.edition.pools.find((p) => p.name === name)!.id;
  }

  private categoryId(key: PastProject['category']): string {
    const namePl = CATEGORIES.find((c) => c.key === key)!.namePl;
    return this.edition.categories.find((c) => c.namePl === namePl)!.id;
  }
}
