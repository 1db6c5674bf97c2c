import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_RULES, PHASES } from '@civitas/budget';
import { AppConfig, Clock } from '@civitas/config';
import { customRuleHelp, Election, isRuleName, metaNumber, metaValue, parseMoney, parsePabulib, ruleOptionProblems, RuleName } from '@civitas/tally';
import { VotingError } from './results.errors';

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
function schedule(now: Date): Array<{ phase: string; startsAt: Date; endsAt: Date }> {
  const t = now.getTime();
  const verification = PHASES.indexOf('vote_verification');
  return PHASES.map((phase, i) => {
    if (i < verification) return { phase, startsAt: new Date(t - (verification - i + 1) * 7 * DAY), endsAt: new Date(t - (verification - i) * 7 * DAY) };
    if (i === verification) return { phase, startsAt: new Date(t - 7 * DAY), endsAt: new Date(t + 30 * DAY) };
    return { phase, startsAt: new Date(t + (30 + (i - verification - 1) * 60) * DAY), endsAt: new Date(t + (30 + (i - verification) * 60) * DAY) };
  });
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

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
      const [{ id: editionId }] = (await m.query(
        `INSERT INTO budget_editions (name, year, status, rules, current_phase) VALUES ($1, $2, 'published', $3::jsonb, 'vote_verification') RETURNING id`,
        [name, Math.min(2100, Math.max(2000, Math.trunc(year))), JSON.stringify(DEFAULT_RULES)],
      )) as Array<{ id: string }>;
      for (const p of schedule(now)) {
        await m.query(`INSERT INTO budget_phases (edition_id, phase, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [editionId, p.phase, p.startsAt, p.endsAt]);
      }
      const [{ id: poolId }] = (await m.query(`INSERT INTO budget_pools (edition_id, name, amount) VALUES ($1, $2, $3) RETURNING id`, [
        editionId,
        (metaValue(e, 'subunit') ?? metaValue(e, 'district') ?? metaValue(e, 'unit') ?? 'Pula').slice(0, 200),
        e.budget.toString(),
      ])) as Array<{ id: string }>;

      const threshold = metaNumber(e, 'min_project_score_threshold');
      const ruleOptions = {
        ...(threshold !== undefined && (rule === 'greedy-threshold' || rule === 'greedy-no-skip') ? { threshold } : {}),
        ...(options.topUpPercent !== undefined ? { topUpPercent: options.topUpPercent } : {}),
      };
      await m.query(`INSERT INTO voting_policies (edition_id, rule, rule_options, tie_seed, max_area_pools) VALUES ($1, $2, $3::jsonb, $4, 1)`, [
        editionId,
        rule,
        JSON.stringify(ruleOptions),
        `import:${sha}`,
      ]);
      const maxLength = metaNumber(e, 'max_length') ?? (e.voteType === 'choose-1' ? 1 : undefined);
      const minLength = Math.min(metaNumber(e, 'min_length') ?? 1, maxLength ?? Infinity);
      const maxSumCost = metaValue(e, 'max_sum_cost');
      await m.query(
        `INSERT INTO voting_pool_specs (pool_id, vote_type, min_length, max_length, max_sum_cost, points_total, max_points_per_project, exact_length)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          poolId,
          e.voteType,
          minLength,
          maxLength ?? null,
          maxSumCost !== undefined ? (parseMoney(maxSumCost)?.toString() ?? null) : null,
          metaNumber(e, 'max_sum_points') ?? null,
          metaNumber(e, 'max_points') ?? null,
          e.voteType === 'ordinal' && maxLength !== undefined && metaNumber(e, 'min_length') === maxLength,
        ],
      );

      const userId = await this.importAccount(m);
      const projectIds = new Map<string, string>();
      for (let i = 0; i < e.projects.length; i += CHUNK) {
        const values: string[] = [];
        e.projects.slice(i, i + CHUNK).forEach((p, k) => {
          const id = randomUUID();
          projectIds.set(p.id, id);
          const n = i + k + 1;
          const title = (p.name?.trim() || `Projekt ${p.id}`).slice(0, 200);
          values.push(
            `('${id}', '${editionId}', '${poolId}', ${n}, 'on_ballot', ${sqlText(title)}, ${p.cost.toString()}, '${userId}', ${sqlText(p.id.slice(0, 64))}, ${n}, now())`,
          );
        });
        await m.query(
          `INSERT INTO budget_projects (id, edition_id, pool_id, number, status, title, total_cost, created_by, code, ballot_position, submitted_at) VALUES ${values.join(',')}`,
        );
      }
      await m.query(`UPDATE budget_editions SET project_counter = $2 WHERE id = $1`, [editionId, e.projects.length]);
      await m.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, project_ids) VALUES ($1, $2, 'alphabetical', $3::uuid[])`, [
        editionId,
        poolId,
        e.projects.map((p) => projectIds.get(p.id)!),
      ]);

      // The voter key of online ballots (libs/voting/src/ballots/voter-key.ts) with the file's voter id as identity.
      const secret = this.config.voting.voterKeySecret;
      const voterKey = (voterId: string) => createHmac('sha256', secret).update(`${editionId}\u0000pb:${voterId}`).digest('hex');
      let stored = 0;
      let empty = 0;
      const withPoints = e.voteType === 'cumulative';
      for (let i = 0; i < e.ballots.length; i += CHUNK) {
        const ballots: string[] = [];
        const choices: string[] = [];
        for (const b of e.ballots.slice(i, i + CHUNK)) {
          if (b.projects.length === 0) {
            empty++;
            continue;
          }
          const id = randomUUID();
          const ref = `PB-${randomBytes(9).toString('base64url')}`;
          ballots.push(`('${id}', '${editionId}', '${voterKey(b.voterId)}', 'paper', 'valid', '${ref}', now())`);
          const seen = new Set<string>();
          b.projects.forEach((code, k) => {
            const pid = projectIds.get(code);
            if (!pid || seen.has(pid)) return;
            seen.add(pid);
            const points = withPoints ? Math.max(1, Math.trunc(b.points?.[k] ?? 1)) : 1;
            choices.push(`('${id}', '${poolId}', '${pid}', ${k + 1}, ${points})`);
          });
          stored++;
        }
        if (ballots.length) {
          await m.query(`INSERT INTO ballots (id, edition_id, voter_key, channel, status, reference, confirmed_at) VALUES ${ballots.join(',')}`);
        }
        for (let j = 0; j < choices.length; j += CHUNK * 2) {
          await m.query(`INSERT INTO ballot_choices (ballot_id, pool_id, project_id, position, points) VALUES ${choices.slice(j, j + CHUNK * 2).join(',')}`);
        }
      }
      return { editionId, poolId, name, rule, topUpPercent: options.topUpPercent, projects: e.projects.length, ballots: stored, emptyBallots: empty };
    });
    // Fresh statistics after a bulk load, for the queries that follow (the tally, turnout).
    for (const table of ['ballots', 'ballot_choices', 'budget_projects']) await this.ds.query(`ANALYZE ${table}`);
    return summary;
  }

  /** The file's name, or with the file's hash when taken; refused when that file was imported already. */
  private async freeName(m: EntityManager, base: string, sha: string): Promise<string> {
    // The same file again (its hash is the imported edition's tie seed) is refused; another file of the same name gets its hash.
    if (((await m.query(`SELECT 1 FROM voting_policies WHERE tie_seed = $1`, [`import:${sha}`])) as unknown[]).length)
      throw VotingError.invalidImport({ pl: 'Ten plik został już zaimportowany.', en: 'This file has already been imported.' });
    for (const candidate of [base, `${base} (import ${sha.slice(0, 12)})`]) {
      const taken = (await m.query(`SELECT 1 FROM budget_editions WHERE lower(name) = lower($1)`, [candidate])) as unknown[];
      if (!taken.length) return candidate;
    }
    throw VotingError.invalidImport({ pl: 'Ten plik został już zaimportowany.', en: 'This file has already been imported.' });
  }

  private async importAccount(m: EntityManager): Promise<string> {
    await m.query(
      `INSERT INTO users (email, display_name, password_hash, disabled_at) VALUES ($1, 'Import Pabulib', '!', now()) ON CONFLICT (email) DO NOTHING`,
      [IMPORT_ACCOUNT],
    );
    const [{ id }] = (await m.query(`SELECT id FROM users WHERE email = $1`, [IMPORT_ACCOUNT])) as Array<{ id: string }>;
    return id;
  }
}
