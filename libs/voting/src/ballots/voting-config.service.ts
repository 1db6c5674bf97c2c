import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FieldText } from '@civitas/common';
import { EditionsService, Phase, phaseAt, PhaseWindow } from '@civitas/budget';
import { customRuleHelp, isRuleName, ruleOptionProblems, RULES } from '@civitas/tally';
import { PoolSpec, specProblems, VoteType } from './ballot-spec';
import { BallotsError, BallotsErrorCode, field } from './ballots.errors';
import { appendAudit } from '@civitas/database';
import { Clock } from '@civitas/config';

export const METHODS = ['email_code', 'pesel', 'account'] as const;
export type Method = (typeof METHODS)[number];

export interface VotingPolicy {
  methods: Method[];
  minAge: number | null;
  guardianBelowAge: number | null;
  duplicatePolicy: 'first_counts' | 'void_all';
  maxAreaPools: number;
  rule: string;
  ruleOptions: Record<string, unknown>;
  retainIdentitiesUntil: string | null;
}

export type PolicyInput = Partial<VotingPolicy>;

export interface PoolOnBallot {
  id: string;
  name: string;
  areaId: string | null;
  spec: PoolSpec | null;
}

/** The public view of an edition's voting: the policy, the seed of the lot (fixed before voting), each pool's ballot spec. */
export interface VotingView {
  editionId: string;
  phase: Phase | null;
  votingOpensAt: string | null;
  votingClosesAt: string | null;
  policy: VotingPolicy | null;
  tieSeed: string | null;
  pools: PoolOnBallot[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The voting policy of editions and the ballot spec of pools (admins); fixed once voting opens. */
@Injectable()
export class VotingConfigService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  async view(editionId: string, opts: { includeDraft?: boolean } = {}): Promise<VotingView> {
    const m = this.ds.manager;
    await this.editionExists(m, editionId, opts.includeDraft ?? false);
    const phases = await this.editions.phases(m, editionId);
    const voting = phases.find((p) => p.phase === 'voting');
    const policy = await this.policyRow(m, editionId);
    return {
      editionId,
      phase: phaseAt(phases, this.clock.now()),
      votingOpensAt: voting ? new Date(voting.startsAt).toISOString() : null,
      votingClosesAt: voting ? new Date(voting.endsAt).toISOString() : null,
      policy: policy?.policy ?? null,
      tieSeed: policy?.tieSeed ?? null,
      pools: await this.pools(m, editionId),
    };
  }

  async policy(m: EntityManager, editionId: string): Promise<VotingPolicy | null> {
    return (await this.policyRow(m, editionId))?.policy ?? null;
  }

  private async policyRow(m: EntityManager, editionId: string): Promise<{ policy: VotingPolicy; tieSeed: string } | null> {
    const [r] = (await m.query(`SELECT * FROM voting_policies WHERE edition_id = $1`, [editionId])) as Array<Record<string, unknown>>;
    if (!r) return null;
    const until = r.retain_identities_until as Date | string | null;
    return {
      tieSeed: r.tie_seed as string,
      policy: {
        methods: r.methods as Method[],
        minAge: num(r.min_age),
        guardianBelowAge: num(r.guardian_below_age),
        duplicatePolicy: r.duplicate_policy as VotingPolicy['duplicatePolicy'],
        maxAreaPools: Number(r.max_area_pools),
        rule: r.rule as string,
        ruleOptions: (r.rule_options ?? {}) as Record<string, unknown>,
        retainIdentitiesUntil: until === null ? null : typeof until === 'string' ? until.slice(0, 10) : until.toISOString().slice(0, 10),
      },
    };
  }

  /** The edition's pools with their ballot specs (null: no spec yet, the pool is not on the ballot). */
  async pools(m: EntityManager, editionId: string): Promise<PoolOnBallot[]> {
    const rows = (await m.query(
      `SELECT p.id, p.name, p.area_id, s.vote_type, s.min_length, s.max_length, s.max_sum_cost, s.points_total, s.max_points_per_project, s.exact_length
         FROM budget_pools p LEFT JOIN voting_pool_specs s ON s.pool_id = p.id
        WHERE p.edition_id = $1 ORDER BY p.created_at, p.id`,
      [editionId],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      areaId: (r.area_id as string | null) ?? null,
      spec: r.vote_type
        ? {
            voteType: r.vote_type as VoteType,
            minLength: Number(r.min_length),
            maxLength: num(r.max_length),
            maxSumCost: num(r.max_sum_cost),
            pointsTotal: num(r.points_total),
            maxPointsPerProject: num(r.max_points_per_project),
            exactLength: Boolean(r.exact_length),
          }
        : null,
    }));
  }

  async setPolicy(actorId: string | null, editionId: string, input: PolicyInput): Promise<VotingView> {
    const problems: FieldText[] = [];
    const bad = (f: string, pl: string, en: string) => problems.push(field(f, BallotsErrorCode.InvalidPolicy, { pl, en }));
    const methods = input.methods ?? ['email_code'];
    if (methods.length === 0) bad('methods', 'Podaj co najmniej jeden sposób potwierdzenia tożsamości.', 'Give at least one way to confirm identity.');
    if (new Set(methods).size !== methods.length) bad('methods', 'Sposoby potwierdzenia powtarzają się.', 'A method is listed twice.');
    const rule = input.rule ?? 'greedy';
    const sentence = (t: string) => `${t[0].toUpperCase()}${t.slice(1)}.`;
    if (!isRuleName(rule)) {
      const help = customRuleHelp(rule);
      if (help) bad('rule', sentence(help.pl), sentence(help.en));
      else bad('rule', `Nieznana reguła; dostępne: ${RULES.join(', ')}.`, `Unknown rule; known: ${RULES.join(', ')}.`);
    } else {
      for (const p of ruleOptionProblems(rule, input.ruleOptions ?? {})) bad(`ruleOptions.${p.option}`, sentence(p.pl), sentence(p.en));
    }
    if (input.minAge != null && input.guardianBelowAge != null && input.guardianBelowAge <= input.minAge)
      bad(
        'guardianBelowAge',
        'Wiek, poniżej którego wymagana jest zgoda opiekuna, musi być wyższy niż wiek minimalny.',
        'The guardian age must be above the minimum age.',
      );
    if (problems.length) throw BallotsError.invalidPolicy(problems);
    await this.ds.transaction(async (m) => {
      await this.editionExists(m, editionId, true, true);
      await this.assertNotOpened(m, editionId);
      await m.query(
        `INSERT INTO voting_policies (edition_id, methods, min_age, guardian_below_age, duplicate_policy, max_area_pools, rule, rule_options, tie_seed, retain_identities_until)
         VALUES ($1, $2::text[], $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
         ON CONFLICT (edition_id) DO UPDATE SET methods = EXCLUDED.methods, min_age = EXCLUDED.min_age, guardian_below_age = EXCLUDED.guardian_below_age,
           duplicate_policy = EXCLUDED.duplicate_policy, max_area_pools = EXCLUDED.max_area_pools, rule = EXCLUDED.rule, rule_options = EXCLUDED.rule_options,
           retain_identities_until = EXCLUDED.retain_identities_until, updated_at = now()`,
        [
          editionId,
          methods,
          input.minAge ?? null,
          input.guardianBelowAge ?? null,
          input.duplicatePolicy ?? 'first_counts',
          input.maxAreaPools ?? 1,
          rule,
          JSON.stringify(input.ruleOptions ?? {}),
          // The seed is drawn once, at the first save, and never changes afterwards (it is published before voting).
          randomBytes(16).toString('hex'),
          input.retainIdentitiesUntil ?? null,
        ],
      );
      const [saved] = (await m.query(`SELECT tie_seed FROM voting_policies WHERE edition_id = $1`, [editionId])) as Array<{ tie_seed: string }>;
      await appendAudit(m, {
        actorId,
        action: 'voting.policy_set',
        subjectType: 'edition',
        subjectId: editionId,
        details: { methods, duplicatePolicy: input.duplicatePolicy ?? 'first_counts', rule, minAge: input.minAge ?? null, tieSeed: saved.tie_seed },
      });
    });
    return this.view(editionId, { includeDraft: true });
  }

  async setSpec(actorId: string | null, poolId: string, spec: PoolSpec): Promise<VotingView> {
    const problems = specProblems(spec);
    if (problems.length) throw BallotsError.invalidSpec(problems);
    const editionId = await this.ds.transaction(async (m) => {
      const [pool] = (await m.query(`SELECT edition_id FROM budget_pools WHERE id = $1`, [poolId])) as Array<{ edition_id: string }>;
      if (!pool) throw BallotsError.poolNotFound();
      await this.editionExists(m, pool.edition_id, true, true);
      await this.assertNotOpened(m, pool.edition_id);
      await m.query(
        `INSERT INTO voting_pool_specs (pool_id, vote_type, min_length, max_length, max_sum_cost, points_total, max_points_per_project, exact_length)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (pool_id) DO UPDATE SET vote_type = EXCLUDED.vote_type, min_length = EXCLUDED.min_length, max_length = EXCLUDED.max_length,
           max_sum_cost = EXCLUDED.max_sum_cost, points_total = EXCLUDED.points_total, max_points_per_project = EXCLUDED.max_points_per_project,
           exact_length = EXCLUDED.exact_length`,
        [poolId, spec.voteType, spec.minLength, spec.maxLength, spec.maxSumCost, spec.pointsTotal, spec.maxPointsPerProject, spec.exactLength],
      );
      await appendAudit(m, { actorId, action: 'voting.spec_set', subjectType: 'edition', subjectId: pool.edition_id, details: { poolId, ...spec } });
      return pool.edition_id;
    });
    return this.view(editionId, { includeDraft: true });
  }

  /** The edition's phase windows; throws not found for an unknown (or, unless includeDraft, unpublished) edition. */
  async editionExists(m: EntityManager, editionId: string, includeDraft: boolean, lock = false): Promise<void> {
    const rows = (await m.query(`SELECT status FROM budget_editions WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [editionId])) as Array<{ status: string }>;
    if (!rows[0] || (!includeDraft && rows[0].status !== 'published')) throw BallotsError.editionNotFound();
  }

  async phases(m: EntityManager, editionId: string): Promise<PhaseWindow[]> {
    return this.editions.phases(m, editionId);
  }

  private async assertNotOpened(m: EntityManager, editionId: string): Promise<void> {
    const voting = (await this.editions.phases(m, editionId)).find((p) => p.phase === 'voting');
    if (voting && new Date(voting.startsAt).getTime() <= this.clock.ms()) throw BallotsError.votingStarted();
  }
}
