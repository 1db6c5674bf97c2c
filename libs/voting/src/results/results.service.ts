import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService, type AuthenticatedUser } from '@civitas/auth';
import { EditionRepository, EditionsService, PoolRepository, ProjectRepository, ProjectsService } from '@civitas/budget';
import { NotificationsService } from '@civitas/notifications';
import { OutboxService } from '@civitas/queue';
import { civitasMetaEntries, Election, TallyResultJson, writePabulib } from '@civitas/tally';
import { loadPoolElection, type PoolElectionSources } from './pool-election';
import { VotingError } from './results.errors';
import { appendAudit } from '@civitas/database';
import { Clock } from '@civitas/config';
import { ResultsRepository } from './results.repository';
import { TallyRunRepository } from './tally-run.repository';

export interface AuditView {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  details: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

export interface ResultRow {
  /** 1, 2, …: the selected projects in order of selection, then the others by score. */
  rank: number;
  code: string;
  projectId: string | null;
  title: string;
  score: number;
  votes: number;
  /** Grosze. */
  cost: number;
  selected: boolean;
  /** Why it was not selected (null for a selected project). */
  reason: { code: string; pl: string; en: string } | null;
  /**
   * The project funded with a top-up from the reserve (Poznań's rule): grosze paid from what was left of the budget
   * and from the reserve, and why (null for every other project).
   */
  topUp: { fromBudget: number; reserve: number; reason: { code: string; pl: string; en: string } } | null;
}

export interface PoolResultView {
  poolId: string;
  name: string;
  /** Grosze. */
  budget: number;
  /** Within the budget; a top-up from the reserve is apart (`topUp.reserve`). */
  spent: number;
  /** The project funded with a top-up from the reserve, grosze; null when none. */
  topUp: { code: string; fromBudget: number; reserve: number } | null;
  ballots: { total: number; valid: number; invalid: number };
  projects: ResultRow[];
}

export interface AdminPoolResultView extends PoolResultView {
  /** The pool's area; null for a city-wide pool. */
  areaId: string | null;
  rule: string;
  seed: string;
  /** Poznań's rule: the share of a project's cost the money left must cover for a top-up from the reserve. */
  topUpPercent: number | null;
  inputsSha256: string;
  tieBreaks: TallyResultJson['tieBreaks'];
}

/**
 * A pool's result under embargo (before publication): what a reviewer checks — the ballots counted, the inputs hash,
 * the money spent and which projects the rule selects — without anything that ranks projects by their votes: no
 * votes, scores, ranks, tie-breaks or reasons, and the projects listed by code, not in order of selection.
 */
export interface EmbargoedPoolView {
  poolId: string;
  areaId: string | null;
  name: string;
  budget: number;
  spent: number;
  topUp: { code: string; fromBudget: number; reserve: number } | null;
  ballots: { total: number; valid: number; invalid: number };
  rule: string;
  seed: string;
  topUpPercent: number | null;
  inputsSha256: string;
  projects: Array<{ code: string; projectId: string | null; title: string; cost: number; selected: boolean }>;
}

/** An edition with a vote, as the officials' desk lists it. */
export interface DeskEdition {
  id: string;
  name: string;
  votingEndsAt: Date | null;
  resultsEndsAt: Date | null;
  run: TallyRunView['status'] | null;
  publishedAt: Date | null;
}

export interface TallyRunView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * A pool's published result in full, for the results page and the CSV: the stored result of the tally engine
 * (`result`: every project's reason — selected or not — with its parameters, the tie-breaks, Equal Shares' rounds, the
 * comparison) beside the ranked rows.
 */
export interface PublishedPoolView extends AdminPoolResultView {
  result: TallyResultJson;
}

/** One field of a CSV record (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. */
function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A text written by people (a project's title, a pool's name) that a spreadsheet would read as a formula starts with
 * an apostrophe (OWASP's advice against CSV injection).
 */
const csvText = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/** Grosze as a PLN decimal with two decimals and a dot ("1240000.00"), exactly. */
function plnOf(grosze: number): string {
  const g = BigInt(grosze);
  const abs = g < 0n ? -g : g;
  return `${g < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** The columns of the results CSV (GET /api/v1/editions/:id/results.csv), in order. */
export const RESULTS_CSV_COLUMNS = [
  'pool_id',
  'pool',
  'rank',
  'code',
  'project_id',
  'title',
  'cost_pln',
  'votes',
  'score',
  'selected',
  'from_reserve_pln',
  'reason_code',
  'reason_pl',
  'reason_en',
] as const;

/** The rows of one stored pool result, ranked, joined to the projects by their code. */
function rows(result: TallyResultJson, byCode: Map<string, { id: string; title: string }>): ResultRow[] {
  const selected = result.projects.filter((p) => p.selected).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const rest = result.projects.filter((p) => !p.selected).sort((a, b) => b.score - a.score || b.votes - a.votes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const topUp = result.topUp ?? null;
  return [...selected, ...rest].map((p, i) => ({
    rank: i + 1,
    code: p.id,
    projectId: byCode.get(p.id)?.id ?? null,
    title: byCode.get(p.id)?.title ?? p.name ?? p.id,
    score: p.score,
    votes: p.votes,
    cost: Number(p.costGrosze),
    selected: p.selected,
    reason: !p.selected && p.reason ? { code: p.reason.code, pl: p.reason.pl, en: p.reason.en } : null,
    topUp:
      topUp && topUp.project === p.id && p.reason
        ? {
            fromBudget: Number(topUp.fromBudgetGrosze),
            reserve: Number(topUp.reserveGrosze),
            reason: { code: p.reason.code, pl: p.reason.pl, en: p.reason.en },
          }
        : null,
  }));
}

/**
 * The tally of an edition and its results: starting a tally (an outbox row in the same transaction as the run),
 * reviewing the stored results, publishing them (project statuses, history, notifications in one transaction), the
 * public results and the open data export. Per-project counts leave the database only through these methods, and
 * over HTTP only once published (the embargo: `reviewResults` holds them back before).
 */
/** A pool's results.pb as served: its name, its text, its ETag. */
export interface PabulibFile {
  fileName: string;
  text: string;
  etag: string;
}

/** How many published results.pb files a process keeps (see exportPabulib). */
const PB_FILES = 8;

@Injectable()
export class ResultsService {
  private readonly pbFiles = new Map<string, Promise<PabulibFile>>();

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly notifications: NotificationsService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly results: ResultsRepository,
    private readonly runs: TallyRunRepository,
    private readonly editionsRepo: EditionRepository,
    private readonly poolsRepo: PoolRepository,
    private readonly projectsRepo: ProjectRepository,
  ) {}

  /** The repositories a pool's election is read from. */
  private get sources(): PoolElectionSources {
    return { results: this.results, pools: this.poolsRepo, projects: this.projectsRepo };
  }

  /** The edition's id and name, its row locked with `lock`; not found when there is no such edition (drafts included). */
  private async lockEdition(m: EntityManager, editionId: string, lock = true): Promise<{ id: string; name: string }> {
    const e = lock ? await this.editionsRepo.lockLabel(m, editionId) : await this.editionsRepo.findLabel(m, editionId);
    if (!e) throw VotingError.editionNotFound();
    return { id: e.id, name: e.name };
  }

  /** Starts a tally: refused before voting has closed, while another run is under way, or once results are out. */
  async requestTally(user: AuthenticatedUser, editionId: string, now = this.clock.now()): Promise<{ tallyRunId: string; status: 'queued' }> {
    return this.ds.transaction(async (m) => {
      await this.lockEdition(m, editionId);
      const voting = (await this.editions.phases(m, editionId)).find((p) => p.phase === 'voting');
      if (!voting || voting.endsAt.getTime() > now.getTime()) throw VotingError.votingNotClosed();
      if (!(await this.results.hasVotingPolicy(m, editionId))) throw VotingError.noVotingPolicy();
      if (await this.results.isPublished(m, editionId)) throw VotingError.alreadyPublished();
      if (await this.runs.hasActive(m, editionId)) throw VotingError.tallyInProgress();
      const id = await this.runs.insert(m, editionId, user.id);
      await this.outbox.enqueue(m, 'tally-edition', { tallyRunId: id });
      await appendAudit(m, { actorId: user.id, action: 'voting.tally_requested', subjectType: 'edition', subjectId: editionId, details: { tallyRunId: id } });
      return { tallyRunId: id, status: 'queued' as const };
    });
  }

  /** The stored results of a run's pools, with each pool's name and area: city-wide first, then by area and name. */
  private async poolViews(m: EntityManager, editionId: string, tallyRunId: string): Promise<Array<AdminPoolResultView>> {
    const byPool = new Map((await this.results.listPoolResults(m, tallyRunId)).map((s) => [s.poolId, s]));
    const pools = await this.poolsRepo.listByIds(m, [...byPool.keys()]);
    const projects = await this.projectsRepo.listProjectCodes(m, editionId);
    const byCode = new Map(projects.map((p) => [p.code, { id: p.id, title: p.title }]));
    return pools.map((pool) => {
      const s = byPool.get(pool.id)!;
      return {
        poolId: s.poolId,
        areaId: pool.areaId,
        name: pool.name,
        budget: Number(s.result.budgetGrosze),
        spent: Number(s.result.spentGrosze),
        topUp: s.result.topUp
          ? { code: s.result.topUp.project, fromBudget: Number(s.result.topUp.fromBudgetGrosze), reserve: Number(s.result.topUp.reserveGrosze) }
          : null,
        ballots: { total: s.result.ballots.total, valid: s.result.ballots.valid, invalid: s.result.ballots.invalid.length },
        projects: rows(s.result, byCode),
        rule: s.result.rule,
        seed: s.result.seed,
        topUpPercent: s.result.topUpPercent ?? null,
        inputsSha256: s.inputsSha256,
        tieBreaks: s.result.tieBreaks,
      };
    });
  }

  /**
   * The latest run (status, error) and its full results per pool, and whether results are published — for the
   * service's callers only (the tally command, tests): over HTTP the review goes through `reviewResults`, which keeps
   * the embargo.
   */
  async adminResults(editionId: string) {
    const m = this.ds.manager;
    if (!(await this.editionsRepo.findLabel(m, editionId))) throw VotingError.editionNotFound();
    const run = await this.runs.findLatest(m, editionId);
    const published = await this.results.findPublication(editionId, m);
    return {
      editionId,
      run: run ?? null,
      published: published ?? null,
      pools: run && run.status === 'done' ? await this.poolViews(m, editionId, run.id) : [],
    };
  }

  /**
   * The review of a tally (GET /admin/editions/:id/results), for an official or an admin. Before publication the
   * embargo holds: the run, and per pool only what `EmbargoedPoolView` carries, for the pools the caller's official
   * grants cover (a city-wide pool needs a grant over the whole city; an area's pool a grant over that area or one
   * above it). Once published, the results are public: every pool in full.
   */
  async reviewResults(
    user: AuthenticatedUser,
    editionId: string,
  ): Promise<
    Omit<Awaited<ReturnType<ResultsService['adminResults']>>, 'pools'> &
      ({ embargo: false; pools: AdminPoolResultView[] } | { embargo: true; pools: EmbargoedPoolView[] })
  > {
    const full = await this.adminResults(editionId);
    if (full.published) return { ...full, embargo: false };
    const pools: EmbargoedPoolView[] = [];
    for (const p of full.pools) {
      if (!(await this.access.hasRole(user, 'official', p.areaId))) continue;
      pools.push({
        poolId: p.poolId,
        areaId: p.areaId,
        name: p.name,
        budget: p.budget,
        spent: p.spent,
        topUp: p.topUp,
        ballots: p.ballots,
        rule: p.rule,
        seed: p.seed,
        topUpPercent: p.topUpPercent,
        inputsSha256: p.inputsSha256,
        projects: p.projects
          .map((r) => ({ code: r.code, projectId: r.projectId, title: r.title, cost: r.cost, selected: r.selected }))
          .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
      });
    }
    return { ...full, embargo: true, pools };
  }

  /**
   * The run before the latest one that finished (a re-run's reference), per pool only what the review under embargo
   * shows — the inputs hash and which projects are selected, by code — for the pools the caller's official grants
   * cover (as `reviewResults`). Null when the latest run is the first that finished.
   */
  async previousRun(
    user: AuthenticatedUser,
    editionId: string,
  ): Promise<{ tallyRunId: string; finishedAt: Date | null; pools: Array<{ poolId: string; inputsSha256: string; selected: string[] }> } | null> {
    const m = this.ds.manager;
    await this.lockEdition(m, editionId, false);
    const before = (await this.runs.listLastTwoDone(editionId, m))[1];
    if (!before) return null;
    const pools: Array<{ poolId: string; inputsSha256: string; selected: string[] }> = [];
    for (const p of await this.poolViews(m, editionId, before.id)) {
      if (!(await this.access.hasRole(user, 'official', p.areaId))) continue;
      pools.push({
        poolId: p.poolId,
        inputsSha256: p.inputsSha256,
        selected: p.projects
          .filter((r) => r.selected)
          .map((r) => r.code)
          .sort(),
      });
    }
    return { tallyRunId: before.id, finishedAt: before.finishedAt, pools };
  }

  /**
   * The editions with a vote, for the officials' desk: the voting and results windows, the latest tally run's state
   * and whether the results are published (no counts: nothing here is under embargo).
   */
  async deskEditions(): Promise<DeskEdition[]> {
    const m = this.ds.manager;
    const states = new Map((await this.results.listVotingEditions(m)).map((s) => [s.editionId, s]));
    // The published ones among them, the nearest end of results first, then by name.
    const schedules = await this.editionsRepo.listPublishedSchedules(m, [...states.keys()]);
    return schedules.map((e) => {
      const state = states.get(e.id)!;
      return { id: e.id, name: e.name, votingEndsAt: e.votingEndsAt, resultsEndsAt: e.resultsEndsAt, run: state.run, publishedAt: state.publishedAt };
    });
  }

  /** The edition's entries of the audit log, and whether the whole chain still verifies. */
  async audit(editionId: string): Promise<{ editionId: string; chainIntact: boolean; entries: AuditView[] }> {
    await this.lockEdition(this.ds.manager, editionId, false);
    const entries = await this.results.listEditionAudit(editionId);
    const broken = await this.results.countBrokenAuditLinks();
    return { editionId, chainIntact: broken === 0, entries };
  }

  /**
   * Publication by an official over HTTP (POST /admin/editions/:id/results/publish): only one whose official grants
   * (or admin's) cover every pool with a tallied result — who may review all of it before it becomes public — else
   * 403 forbidden. A city-wide pool needs a city-wide grant.
   */
  async publishAsOfficial(user: AuthenticatedUser, editionId: string) {
    const m = this.ds.manager;
    const pools = await this.poolsRepo.listOfEdition(m, editionId);
    const tallied = new Set(
      await this.results.listPoolsWithDoneResult(
        m,
        pools.map((p) => p.id),
      ),
    );
    const areaIds = new Set(pools.filter((p) => tallied.has(p.id)).map((p) => p.areaId));
    for (const areaId of areaIds) await this.access.assertRole(user, 'official', areaId);
    return this.publish(user, editionId);
  }

  /**
   * Publishes the results of the latest finished run: records them, moves the projects on the ballot to selected or
   * not_selected (with history), and tells subscribers, voters who asked and the authors — all in one transaction.
   */
  async publish(user: AuthenticatedUser, editionId: string) {
    return this.ds.transaction(async (m) => {
      const edition = await this.lockEdition(m, editionId);
      if (await this.results.isPublished(m, editionId)) throw VotingError.alreadyPublished();
      const latest = await this.runs.findLatest(m, editionId);
      if (!latest) throw VotingError.noTally();
      if (latest.status === 'queued' || latest.status === 'running') throw VotingError.tallyInProgress();
      const runId = await this.runs.findLatestDoneId(m, editionId);
      if (!runId) throw VotingError.noTally();
      const publishedAt = await this.results.insertPublication(m, editionId, runId, user.id);
      await this.editionsRepo.markResultsPublished(m, editionId, publishedAt);

      const pools = await this.poolViews(m, editionId, runId);
      let winners = 0;
      let totalCost = 0n;
      for (const pool of pools) {
        for (const row of pool.projects) {
          if (!row.projectId) continue;
          const status = row.selected ? 'selected' : 'not_selected';
          const moved = await this.projectsRepo.setOutcomeStatus(m, row.projectId, status);
          if (row.selected) {
            winners++;
            totalCost += BigInt(row.cost);
          }
          // History and notice only for a project the publication moved: one no longer on the ballot keeps its status.
          if (!moved) continue;
          await this.projects.history(m, row.projectId, user.id, 'results_published', 'on_ballot', status, row.reason?.pl ?? row.topUp?.reason.pl ?? null, {
            tallyRunId: runId,
            rank: row.rank,
            score: row.score,
            votes: row.votes,
          });
          const authors = await this.projects.authorIds(m, row.projectId);
          if (authors.length) {
            await this.notifications.publish(m, {
              kind: 'project.status_changed',
              facts: {
                editionId,
                editionName: edition.name,
                projectId: row.projectId,
                title: row.title,
                status,
                ...(row.reason ? { reason: row.reason.pl } : {}),
              },
              userIds: authors,
            });
          }
        }
      }
      const emails = await this.results.listResultSubscribers(m, editionId);
      await this.notifications.publish(m, {
        kind: 'results.published',
        facts: { editionId, editionName: edition.name, winners, totalCost: totalCost.toString() },
        topics: ['results', `edition:${editionId}`],
        emails,
      });
      await appendAudit(m, {
        actorId: user.id,
        action: 'voting.results_published',
        subjectType: 'edition',
        subjectId: editionId,
        details: {
          tallyRunId: runId,
          winners,
          totalCost: totalCost.toString(),
          inputs: pools.map((p) => ({ poolId: p.poolId, inputsSha256: p.inputsSha256 })),
        },
      });
      return { editionId, tallyRunId: runId, winners, totalCost: Number(totalCost) };
    });
  }

  /** The published edition's publication; not found for an unknown or unpublished edition, undefined before publication. */
  private async publication(editionId: string): Promise<{ name: string; tallyRunId: string; publishedAt: Date } | undefined> {
    const e = await this.editionsRepo.findLabel(this.ds.manager, editionId);
    if (!e || e.status !== 'published') throw VotingError.editionNotFound();
    const published = await this.results.findPublication(editionId);
    return published && { name: e.name, ...published };
  }

  private async publishedRun(editionId: string): Promise<string> {
    const published = await this.publication(editionId);
    if (!published) throw VotingError.notPublished();
    return published.tallyRunId;
  }

  /** The published results, per pool (refused before publication: the embargo). */
  async publicResults(editionId: string): Promise<{ editionId: string; pools: PoolResultView[] }> {
    const runId = await this.publishedRun(editionId);
    const pools = await this.poolViews(this.ds.manager, editionId, runId);
    return {
      editionId,
      pools: pools.map(({ poolId, name, budget, spent, topUp, ballots, projects }) => ({ poolId, name, budget, spent, topUp, ballots, projects })),
    };
  }

  /**
   * The published results in full (refused before publication: the embargo), per pool: the ranked rows and the stored
   * result of the engine with every reason, tie-break and round — what the results page explains and the CSV lists.
   */
  async publishedResults(editionId: string): Promise<{ editionId: string; editionName: string; publishedAt: Date; pools: PublishedPoolView[] }> {
    const e = await this.publication(editionId);
    if (!e) throw VotingError.notPublished();
    const pools = await this.poolViews(this.ds.manager, editionId, e.tallyRunId);
    const byPool = await this.results.listResultsByPool(e.tallyRunId);
    return {
      editionId,
      editionName: e.name,
      publishedAt: new Date(e.publishedAt),
      pools: pools.map((p) => ({ ...p, result: byPool.get(p.poolId)! })),
    };
  }

  /**
   * Open data: the published results of every pool as CSV (RFC 4180: comma-separated, CRLF line ends, quoted where
   * needed), UTF-8 with a byte order mark so that spreadsheets read Polish letters; one row per project on the ballot
   * in rank order within its pool, with its reason in Polish and English (`RESULTS_CSV_COLUMNS`). Money in PLN with
   * two decimals and a dot. `selected` is 1 for a funded project, 2 for one funded with a top-up from the reserve, 0
   * otherwise (as Pabulib marks them).
   */
  async resultsCsv(editionId: string): Promise<{ fileName: string; text: string }> {
    const published = await this.publishedResults(editionId);
    const lines: string[] = [RESULTS_CSV_COLUMNS.join(',')];
    for (const pool of published.pools) {
      const reasons = new Map(pool.result.projects.map((p) => [p.id, p.reason]));
      for (const row of pool.projects) {
        const reason = reasons.get(row.code) ?? null;
        lines.push(
          [
            pool.poolId,
            csvText(pool.name),
            row.rank,
            row.code,
            row.projectId,
            csvText(row.title),
            plnOf(row.cost),
            row.votes,
            row.score,
            row.topUp ? 2 : row.selected ? 1 : 0,
            row.topUp ? plnOf(row.topUp.reserve) : null,
            reason?.code ?? null,
            reason?.pl ?? null,
            reason?.en ?? null,
          ]
            .map(csvField)
            .join(','),
        );
      }
    }
    const slug = published.editionName
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '_')
      .replace(/_+/g, '_')
      .slice(0, 120);
    return { fileName: `${slug}_results.csv`, text: `\uFEFF${lines.join('\r\n')}\r\n` };
  }

  /**
   * Open data: the anonymised ballots of a pool (voters numbered 1, 2, …) and its published results as a Pabulib
   * file. `selected` is 1 for a funded project and 2 for one funded with a top-up from the reserve (as Pabulib marks
   * Poznań's); the `civitas_*` META keys carry the tie-break seed and chains, the exclusion groups and the rule
   * options, so `tally FILE` recounts it to the same result, ties included.
   */
  /**
   * A pool's published results.pb. Published results never change (a run is published once), so a process keeps
   * the last PB_FILES files it wrote with their ETag: a big election's file (Warsaw's: 61,668 ballots) is read from
   * the database and written once, not on every download or recount.
   */
  async exportPabulib(editionId: string, poolId: string): Promise<PabulibFile> {
    const runId = await this.publishedRun(editionId);
    const key = `${poolId}:${runId}`;
    let file = this.pbFiles.get(key);
    if (file) this.pbFiles.delete(key);
    else {
      file = this.writePoolPabulib(editionId, poolId, runId);
      file.catch(() => this.pbFiles.get(key) === file && this.pbFiles.delete(key));
    }
    this.pbFiles.set(key, file);
    if (this.pbFiles.size > PB_FILES) this.pbFiles.delete(this.pbFiles.keys().next().value!);
    return file;
  }

  private async writePoolPabulib(editionId: string, poolId: string, runId: string): Promise<PabulibFile> {
    const m = this.ds.manager;
    const found = await this.poolsRepo.findInEdition(m, editionId, poolId);
    const result = found && (await this.results.findPoolResult(m, runId, poolId));
    const edition = await this.editionsRepo.findLabel(m, editionId);
    if (!found || !result || !edition) throw VotingError.poolNotFound();
    const pool = { name: found.name, editionName: edition.name, year: edition.year, result };
    const { election, options } = await loadPoolElection(m, editionId, poolId, this.sources);
    const byCode = new Map(pool.result.projects.map((p) => [p.id, p]));
    const topUp = pool.result.topUp ?? null;
    const comment = topUp
      ? [
          [
            'comment',
            `#1: Project ${topUp.project} has selected = 2: the money left (${topUp.fromBudget} PLN) covered at least ${pool.result.topUpPercent} % of its cost, ` +
              `and ${topUp.reserve} PLN came from a reserve outside the budget.`,
          ] as const,
        ]
      : [];
    const out: Election = {
      ...election,
      meta: [
        ['description', `${pool.editionName}: ${pool.name}`],
        ['country', 'Poland'],
        ['instance', String(pool.year)],
        ['num_projects', String(election.projects.length)],
        ['num_votes', String(election.ballots.length)],
        ...election.meta,
        ...comment,
        ...civitasMetaEntries(options),
      ],
      projectColumns: ['project_id', 'cost', 'votes', 'score', 'name', 'selected'],
      projects: election.projects.map((p) => {
        const r = byCode.get(p.id);
        const selected = !r?.selected ? '0' : topUp?.project === p.id ? '2' : '1';
        return { ...p, fields: { ...p.fields, votes: String(r?.votes ?? 0), score: String(r?.score ?? 0), selected } };
      }),
    };
    const slug = `${pool.editionName}_${pool.name}`
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '_')
      .replace(/_+/g, '_')
      .slice(0, 120);
    const text = writePabulib(out);
    return { fileName: `${slug}.pb`, text, etag: `"${createHash('sha256').update(text).digest('base64url')}"` };
  }
}
