import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  BallotRepository,
  DEFAULT_RULES,
  EditionRepository,
  type ImportedProject,
  PHASES,
  type PhaseWindow,
  PoolRepository,
  ProjectRepository,
} from '@civitas/budget';
import { AppConfig, Clock } from '@civitas/config';
import { customRuleHelp, Election, isRuleName, metaNumber, metaValue, parseMoney, parsePabulib, ruleOptionProblems, RuleName } from '@civitas/tally';
import { VotingError } from './results.errors';
import { type ImportedBallot, type ImportedChoice, ResultsRepository } from './results.repository';

/** The rule to tally an imported file with, over the file's own (needed for Pabulib's `greedy-custom`). */
export interface ImportOptions {
  rule?: RuleName;
  /** `greedy-no-skip`: Poznań's top-up from a reserve (percentage of the cost the money left must cover). */
  topUpPercent?: number;
}

export interface ImportSummary {
  editionId: string;
  poolId: string;
  name: string;
  rule: RuleName;
  topUpPercent?: number;
  projects: number;
  ballots: number;
  /** Ballots of the file naming no project (not stored: they support nothing). */
  emptyBallots: number;
}

/** Rows per multi-row INSERT. */
const CHUNK = 5_000;
const DAY = 86_400_000;
/** The account imported projects are recorded as created by (disabled: nobody signs in with it). */
const IMPORT_ACCOUNT = 'pabulib-import@civitas.invalid';

const RULE_ALIASES: Record<string, RuleName> = {
  'equalshares/add1-utilitarian': 'equalshares/add1',
  'equalshares-add1': 'equalshares/add1',
  mes: 'equalshares',
};

/** The outcome rule of a file, as the tally engine names it (greedy when the file names none). */
export function ruleOfFile(e: Election): RuleName {
  const r = metaValue(e, 'rule')?.trim();
  if (!r) return 'greedy';
  if (isRuleName(r)) return r;
  const alias = RULE_ALIASES[r];
  if (alias) return alias;
  const help = customRuleHelp(r);
  if (help) {
    throw VotingError.invalidImport({
      pl: `Plik nie określa reguły, którą można policzyć: ${help.pl} (import-pb przyjmuje te same opcje --rule i --top-up).`,
      en: `The file does not name a rule that can be counted: ${help.en} (import-pb takes the same --rule and --top-up options).`,
    });
  }
  throw VotingError.invalidImport({ pl: `Nieznana reguła wyboru w pliku: „${r}”.`, en: `Unknown outcome rule in the file: "${r}".` });
}

/** The schedule of an imported edition: every phase over, except vote verification, under way now. */
function schedule(now: Date): PhaseWindow[] {
  const t = now.getTime();
  const verification = PHASES.indexOf('vote_verification');
  return PHASES.map((phase, i) => {
    if (i < verification) return { phase, startsAt: new Date(t - (verification - i + 1) * 7 * DAY), endsAt: new Date(t - (verification - i) * 7 * DAY) };
    if (i === verification) return { phase, startsAt: new Date(t - 7 * DAY), endsAt: new Date(t + 30 * DAY) };
    return { phase, startsAt: new Date(t + (30 + (i - verification - 1) * 60) * DAY), endsAt: new Date(t + (30 + (i - verification) * 60) * DAY) };
  });
}

/**
 * Imports a Pabulib `.pb` file as a published edition with one pool, its projects (on the ballot, the file's
 * project_id as public code) and its ballots as verified paper ballots, in its vote-verification phase: ready to be
 * tallied. For demos, past editions and benchmarks. One transaction; bulk inserts.
 */
@Injectable()
export class PabulibImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly results: ResultsRepository,
    private readonly editions: EditionRepository,
    private readonly pools: PoolRepository,
    private readonly projects: ProjectRepository,
    private readonly ballotLists: BallotRepository,
  ) {}

  async importText(text: string, now = this.clock.now(), options: ImportOptions = {}): Promise<ImportSummary> {
    const sha = createHash('sha256').update(text).digest('hex');
    let e: Election;
    try {
      e = parsePabulib(text);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw VotingError.invalidImport({ pl: `Plik nie jest poprawnym plikiem Pabulib: ${msg}`, en: `The file is not a valid Pabulib file: ${msg}` });
    }
    if (e.voteType === 'scoring') {
      throw VotingError.invalidImport({ pl: 'Głosowanie z ocenami (scoring) nie jest obsługiwane.', en: 'Scoring ballots are not supported.' });
    }
    const rule = options.rule ?? ruleOfFile(e);
    const problems = ruleOptionProblems(rule, { topUpPercent: options.topUpPercent });
    if (problems.length) {
      throw VotingError.invalidImport({ pl: `Opcja reguły jest błędna: ${problems[0].pl}.`, en: `A rule option is wrong: ${problems[0].en}.` });
    }
    const year = metaNumber(e, 'instance') ?? metaNumber(e, 'year') ?? now.getUTCFullYear();
    const baseName =
      [metaValue(e, 'description'), metaValue(e, 'unit'), metaValue(e, 'instance')]
        .filter((x): x is string => !!x)
        .join(' — ')
        .slice(0, 150) || `Pabulib ${sha.slice(0, 8)}`;

    const summary = await this.ds.transaction(async (m) => {
      const name = await this.freeName(m, baseName, sha);
      const editionId = await this.editions.insertImported(m, name, Math.min(2100, Math.max(2000, Math.trunc(year))), DEFAULT_RULES);
      await this.editions.insertPhases(m, editionId, schedule(now));
      const poolId = await this.pools.insertImported(
        m,
        editionId,
        (metaValue(e, 'subunit') ?? metaValue(e, 'district') ?? metaValue(e, 'unit') ?? 'Pula').slice(0, 200),
        e.budget.toString(),
      );

      const threshold = metaNumber(e, 'min_project_score_threshold');
      const ruleOptions = {
        ...(threshold !== undefined && (rule === 'greedy-threshold' || rule === 'greedy-no-skip') ? { threshold } : {}),
        ...(options.topUpPercent !== undefined ? { topUpPercent: options.topUpPercent } : {}),
      };
      await this.results.insertVotingPolicy(m, editionId, rule, ruleOptions, `import:${sha}`);
      const maxLength = metaNumber(e, 'max_length') ?? (e.voteType === 'choose-1' ? 1 : undefined);
      const minLength = Math.min(metaNumber(e, 'min_length') ?? 1, maxLength ?? Infinity);
      const maxSumCost = metaValue(e, 'max_sum_cost');
      await this.results.insertPoolSpec(m, poolId, {
        voteType: e.voteType,
        minLength,
        maxLength: maxLength ?? null,
        maxSumCost: maxSumCost !== undefined ? (parseMoney(maxSumCost)?.toString() ?? null) : null,
        pointsTotal: metaNumber(e, 'max_sum_points') ?? null,
        maxPointsPerProject: metaNumber(e, 'max_points') ?? null,
        exactLength: e.voteType === 'ordinal' && maxLength !== undefined && metaNumber(e, 'min_length') === maxLength,
      });

      const userId = await this.importAccount(m);
      const projectIds = new Map<string, string>();
      for (let i = 0; i < e.projects.length; i += CHUNK) {
        const chunk: ImportedProject[] = [];
        e.projects.slice(i, i + CHUNK).forEach((p, k) => {
          const id = randomUUID();
          projectIds.set(p.id, id);
          const title = (p.name?.trim() || `Projekt ${p.id}`).slice(0, 200);
          chunk.push({ id, number: i + k + 1, title, cost: p.cost.toString(), code: p.id.slice(0, 64) });
        });
        await this.projects.insertImported(m, editionId, poolId, userId, chunk);
      }
      await this.editions.setProjectCounter(m, editionId, e.projects.length);
      await this.ballotLists.insert(m, {
        editionId,
        poolId,
        ordering: 'alphabetical',
        seed: null,
        projectIds: e.projects.map((p) => projectIds.get(p.id)!),
      });

      // The voter key of online ballots (libs/voting/src/ballots/voter-key.ts) with the file's voter id as identity.
      const secret = this.config.voting.voterKeySecret;
      const voterKey = (voterId: string) => createHmac('sha256', secret).update(`${editionId}\u0000pb:${voterId}`).digest('hex');
      let stored = 0;
      let empty = 0;
      const withPoints = e.voteType === 'cumulative';
      for (let i = 0; i < e.ballots.length; i += CHUNK) {
        const ballots: ImportedBallot[] = [];
        const choices: ImportedChoice[] = [];
        for (const b of e.ballots.slice(i, i + CHUNK)) {
          if (b.projects.length === 0) {
            empty++;
            continue;
          }
          const id = randomUUID();
          const ref = `PB-${randomBytes(9).toString('base64url')}`;
          ballots.push({ id, voterKey: voterKey(b.voterId), reference: ref });
          const seen = new Set<string>();
          b.projects.forEach((code, k) => {
            const pid = projectIds.get(code);
            if (!pid || seen.has(pid)) return;
            seen.add(pid);
            const points = withPoints ? Math.max(1, Math.trunc(b.points?.[k] ?? 1)) : 1;
            choices.push({ ballotId: id, projectId: pid, position: k + 1, points });
          });
          stored++;
        }
        if (ballots.length) await this.results.insertImportedBallots(m, editionId, ballots);
        for (let j = 0; j < choices.length; j += CHUNK * 2) {
          await this.results.insertImportedChoices(m, poolId, choices.slice(j, j + CHUNK * 2));
        }
      }
      return { editionId, poolId, name, rule, topUpPercent: options.topUpPercent, projects: e.projects.length, ballots: stored, emptyBallots: empty };
    });
    // Fresh statistics after a bulk load, for the queries that follow (the tally, turnout).
    await this.results.analyzeImportedTables();
    await this.projects.refreshStatistics();
    return summary;
  }

  /** The file's name, or with the file's hash when taken; refused when that file was imported already. */
  private async freeName(m: EntityManager, base: string, sha: string): Promise<string> {
    // The same file again (its hash is the imported edition's tie seed) is refused; another file of the same name gets its hash.
    if (await this.results.isImported(m, sha))
      throw VotingError.invalidImport({ pl: 'Ten plik został już zaimportowany.', en: 'This file has already been imported.' });
    for (const candidate of [base, `${base} (import ${sha.slice(0, 12)})`]) {
      if (!(await this.editions.nameTaken(m, candidate))) return candidate;
    }
    throw VotingError.invalidImport({ pl: 'Ten plik został już zaimportowany.', en: 'This file has already been imported.' });
  }

  private importAccount(m: EntityManager): Promise<string> {
    return this.results.importAccountId(m, IMPORT_ACCOUNT);
  }
}
