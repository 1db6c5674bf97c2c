import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import type { PoolSpec, VoteType } from './ballot-spec';
import type { Method, VotingPolicy } from './voting-config.service';

/** An edition's voting policy with the seed of its lot. */
export interface StoredPolicy {
  policy: VotingPolicy;
  tieSeed: string;
}

/** A policy to save, defaults already applied; the seed is kept when the edition already has one. */
export interface NewPolicy {
  methods: Method[];
  minAge: number | null;
  guardianBelowAge: number | null;
  duplicatePolicy: VotingPolicy['duplicatePolicy'];
  maxAreaPools: number;
  rule: string;
  ruleOptions: Record<string, unknown>;
  tieSeed: string;
  retainIdentitiesUntil: string | null;
}

/** Whom a ballot's mails go to: the ballot, its edition and the identity given with it (none once erased). */
export interface BallotRecipientRow {
  id: string;
  status: string;
  voidReason: string | null;
  reference: string;
  editionId: string;
  email: string | null;
  firstName: string | null;
  locale: Locale;
}

interface PolicyRow {
  edition_id: string;
  methods: Method[];
  min_age: number | null;
  guardian_below_age: number | null;
  duplicate_policy: VotingPolicy['duplicatePolicy'];
  max_area_pools: number;
  rule: string;
  rule_options: Record<string, unknown> | null;
  tie_seed: string;
  retain_identities_until: Date | string | null;
}

interface PoolSpecRow {
  pool_id: string;
  vote_type: VoteType;
  min_length: number | null;
  max_length: number | null;
  max_sum_cost: string | number | null;
  points_total: number | null;
  max_points_per_project: number | null;
  exact_length: boolean | null;
}

interface RecipientRow {
  id: string;
  status: string;
  void_reason: string | null;
  reference: string;
  edition_id: string;
  email: string | null;
  first_name: string | null;
  locale: Locale;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const policyOf = (r: PolicyRow): StoredPolicy => {
  const until = r.retain_identities_until;
  return {
    tieSeed: r.tie_seed,
    policy: {
      methods: r.methods,
      minAge: num(r.min_age),
      guardianBelowAge: num(r.guardian_below_age),
      duplicatePolicy: r.duplicate_policy,
      maxAreaPools: Number(r.max_area_pools),
      rule: r.rule,
      ruleOptions: r.rule_options ?? {},
      retainIdentitiesUntil: until === null ? null : typeof until === 'string' ? until.slice(0, 10) : until.toISOString().slice(0, 10),
    },
  };
};

const specOf = (r: PoolSpecRow): PoolSpec => ({
  voteType: r.vote_type,
  minLength: Number(r.min_length),
  maxLength: num(r.max_length),
  maxSumCost: num(r.max_sum_cost),
  pointsTotal: num(r.points_total),
  maxPointsPerProject: num(r.max_points_per_project),
  exactLength: Boolean(r.exact_length),
});

const recipientOf = (r: RecipientRow): BallotRecipientRow => ({
  id: r.id,
  status: r.status,
  voidReason: r.void_reason,
  reference: r.reference,
  editionId: r.edition_id,
  email: r.email,
  firstName: r.first_name,
  locale: r.locale,
});

/**
 * The SQL of an edition's voting setup (`voting_policies`, `voting_pool_specs`), of the erasure of voter identities
 * and of the reads of the ballot mails, as named methods with typed rows. Methods used in a transaction take its
 * EntityManager first; the others read through the DataSource.
 */
@Injectable()
export class VotingConfigRepository {
  constructor(private readonly ds: DataSource) {}

  /** The edition's voting policy and seed; undefined when it has none yet. */
  async findPolicy(m: EntityManager, editionId: string): Promise<StoredPolicy | undefined> {
    const r = await queryOne<PolicyRow>(m, `SELECT * FROM voting_policies WHERE edition_id = $1`, [editionId]);
    return r && policyOf(r);
  }

  /** Saves the edition's voting policy; the seed given is stored only by the first save. */
  async upsertPolicy(m: EntityManager, editionId: string, p: NewPolicy): Promise<void> {
    await m.query(
      `INSERT INTO voting_policies (edition_id, methods, min_age, guardian_below_age, duplicate_policy, max_area_pools, rule, rule_options, tie_seed, retain_identities_until)
         VALUES ($1, $2::text[], $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
         ON CONFLICT (edition_id) DO UPDATE SET methods = EXCLUDED.methods, min_age = EXCLUDED.min_age, guardian_below_age = EXCLUDED.guardian_below_age,
           duplicate_policy = EXCLUDED.duplicate_policy, max_area_pools = EXCLUDED.max_area_pools, rule = EXCLUDED.rule, rule_options = EXCLUDED.rule_options,
           retain_identities_until = EXCLUDED.retain_identities_until, updated_at = now()`,
      [
        editionId,
        p.methods,
        p.minAge,
        p.guardianBelowAge,
        p.duplicatePolicy,
        p.maxAreaPools,
        p.rule,
        JSON.stringify(p.ruleOptions),
        p.tieSeed,
        p.retainIdentitiesUntil,
      ],
    );
  }

  /** The seed of the lot of an edition that has a policy. */
  async tieSeed(m: EntityManager, editionId: string): Promise<string> {
    const [saved] = await queryRows<{ tie_seed: string }>(m, `SELECT tie_seed FROM voting_policies WHERE edition_id = $1`, [editionId]);
    return saved.tie_seed;
  }

  /** The ballot specs of those of the pools that have one, by pool. */
  async listSpecs(m: EntityManager, poolIds: string[]): Promise<Map<string, PoolSpec>> {
    const rows = await queryRows<PoolSpecRow>(
      m,
      `SELECT pool_id, vote_type, min_length, max_length, max_sum_cost, points_total, max_points_per_project, exact_length
         FROM voting_pool_specs WHERE pool_id = ANY($1::uuid[])`,
      [poolIds],
    );
    return new Map(rows.map((r) => [r.pool_id, specOf(r)]));
  }

  /** Saves the pool's ballot spec. */
  async upsertSpec(m: EntityManager, poolId: string, spec: PoolSpec): Promise<void> {
    await m.query(
      `INSERT INTO voting_pool_specs (pool_id, vote_type, min_length, max_length, max_sum_cost, points_total, max_points_per_project, exact_length)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (pool_id) DO UPDATE SET vote_type = EXCLUDED.vote_type, min_length = EXCLUDED.min_length, max_length = EXCLUDED.max_length,
           max_sum_cost = EXCLUDED.max_sum_cost, points_total = EXCLUDED.points_total, max_points_per_project = EXCLUDED.max_points_per_project,
           exact_length = EXCLUDED.exact_length`,
      [poolId, spec.voteType, spec.minLength, spec.maxLength, spec.maxSumCost, spec.pointsTotal, spec.maxPointsPerProject, spec.exactLength],
    );
  }

  /**
   * The editions whose retention ended before `today` (the city's date) and that still hold identities, in id order
   * (whether their voting and vote verification are over is the caller's check, on the editions' phases).
   */
  async listPastRetention(m: EntityManager, today: string): Promise<string[]> {
    const rows = await queryRows<{ edition_id: string }>(
      m,
      `SELECT p.edition_id FROM voting_policies p
        WHERE p.retain_identities_until < $1::date
          AND (EXISTS (SELECT 1 FROM voter_identities v WHERE v.edition_id = p.edition_id)
               OR EXISTS (SELECT 1 FROM paper_entries e WHERE e.edition_id = p.edition_id AND jsonb_typeof(e.content -> 'identity') = 'object'))
        ORDER BY p.edition_id`,
      [today],
    );
    return rows.map((r) => r.edition_id);
  }

  /** Deletes the edition's voter identities; returns how many. */
  async deleteIdentities(m: EntityManager, editionId: string): Promise<number> {
    return rowsOf(await m.query(`DELETE FROM voter_identities WHERE edition_id = $1 RETURNING id`, [editionId])).length;
  }

  /** Deletes the code mails sent an hour or more before `now` (the per-address counts read the last hour only). */
  async deleteOldCodeMails(m: EntityManager, now: Date): Promise<void> {
    await m.query(`DELETE FROM ballot_code_mails WHERE sent_at <= $1::timestamptz - interval '1 hour'`, [now]);
  }

  /**
   * Whom the ballot's mails go to: the key's identity as it was when the ballot was cast (written by the same
   * statement, at the same transaction time), never one declared by a later ballot of the same key; undefined when
   * there is no such ballot.
   */
  async findRecipient(ballotId: string): Promise<BallotRecipientRow | undefined> {
    const r = await queryOne<RecipientRow>(
      this.ds.manager,
      `SELECT b.id, b.status, b.void_reason, b.reference, b.edition_id, i.email, i.first_name, i.locale
         FROM ballots b
         LEFT JOIN LATERAL (SELECT email, first_name, locale FROM voter_identities v
                             WHERE v.edition_id = b.edition_id AND v.voter_key = b.voter_key AND v.erased_at IS NULL
                               AND v.created_at <= b.created_at
                             ORDER BY v.created_at DESC LIMIT 1) i ON true
        WHERE b.id = $1`,
      [ballotId],
    );
    return r && recipientOf(r);
  }
}
