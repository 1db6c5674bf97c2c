import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FieldText } from '@civitas/common';
import { EditionRepository, EditionsService, Phase, phaseAt, PhaseWindow, PoolRepository } from '@civitas/budget';
import { customRuleHelp, isRuleName, ruleOptionProblems, RULES } from '@civitas/tally';
import { PoolSpec, specProblems } from './ballot-spec';
import { BallotsError, BallotsErrorCode, field } from './ballots.errors';
import { appendAudit } from '@civitas/database';
import { Clock } from '@civitas/config';
import { VotingConfigRepository } from './voting-config.repository';

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

/** The voting policy of editions and the ballot spec of pools (admins); fixed once voting opens. */
@Injectable()
export class VotingConfigService {
  constructor(
    private readonly ds: DataSource,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
    private readonly config: VotingConfigRepository,
    private readonly editionsRepo: EditionRepository,
    private readonly poolsRepo: PoolRepository,
  ) {}

  async view(editionId: string, opts: { includeDraft?: boolean } = {}): Promise<VotingView> {
    const m = this.ds.manager;
    await this.editionExists(m, editionId, opts.includeDraft ?? false);
    const phases = await this.editions.phases(m, editionId);
    const voting = phases.find((p) => p.phase === 'voting');
    const policy = await this.config.findPolicy(m, editionId);
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
    return (await this.config.findPolicy(m, editionId))?.policy ?? null;
  }

  /** The edition's pools with their ballot specs (null: no spec yet, the pool is not on the ballot). */
  async pools(m: EntityManager, editionId: string): Promise<PoolOnBallot[]> {
    const pools = await this.poolsRepo.listOfEdition(m, editionId);
    const specs = await this.config.listSpecs(
      m,
      pools.map((p) => p.id),
    );
    return pools.map((p) => ({ id: p.id, name: p.name, areaId: p.areaId, spec: specs.get(p.id) ?? null }));
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
      await this.config.upsertPolicy(m, editionId, {
        methods,
        minAge: input.minAge ?? null,
        guardianBelowAge: input.guardianBelowAge ?? null,
        duplicatePolicy: input.duplicatePolicy ?? 'first_counts',
        maxAreaPools: input.maxAreaPools ?? 1,
        rule,
        ruleOptions: input.ruleOptions ?? {},
        // The seed is drawn once, at the first save, and never changes afterwards (it is published before voting).
        tieSeed: randomBytes(16).toString('hex'),
        retainIdentitiesUntil: input.retainIdentitiesUntil ?? null,
      });
      const tieSeed = await this.config.tieSeed(m, editionId);
      await appendAudit(m, {
        actorId,
        action: 'voting.policy_set',
        subjectType: 'edition',
        subjectId: editionId,
        details: { methods, duplicatePolicy: input.duplicatePolicy ?? 'first_counts', rule, minAge: input.minAge ?? null, tieSeed },
      });
    });
    return this.view(editionId, { includeDraft: true });
  }

  async setSpec(actorId: string | null, poolId: string, spec: PoolSpec): Promise<VotingView> {
    const problems = specProblems(spec);
    if (problems.length) throw BallotsError.invalidSpec(problems);
    const editionId = await this.ds.transaction(async (m) => {
      const poolEditionId = await this.poolsRepo.findEditionId(m, poolId);
      if (!poolEditionId) throw BallotsError.poolNotFound();
      await this.editionExists(m, poolEditionId, true, true);
      await this.assertNotOpened(m, poolEditionId);
      await this.config.upsertSpec(m, poolId, spec);
      await appendAudit(m, { actorId, action: 'voting.spec_set', subjectType: 'edition', subjectId: poolEditionId, details: { poolId, ...spec } });
      return poolEditionId;
    });
    return this.view(editionId, { includeDraft: true });
  }

  /** The edition's phase windows; throws not found for an unknown (or, unless includeDraft, unpublished) edition. */
  async editionExists(m: EntityManager, editionId: string, includeDraft: boolean, lock = false): Promise<void> {
    const edition = lock ? await this.editionsRepo.lockLabel(m, editionId) : await this.editionsRepo.findStatus(m, editionId);
    if (!edition || (!includeDraft && edition.status !== 'published')) throw BallotsError.editionNotFound();
  }

  async phases(m: EntityManager, editionId: string): Promise<PhaseWindow[]> {
    return this.editions.phases(m, editionId);
  }

  private async assertNotOpened(m: EntityManager, editionId: string): Promise<void> {
    const voting = (await this.editions.phases(m, editionId)).find((p) => p.phase === 'voting');
    if (voting && new Date(voting.startsAt).getTime() <= this.clock.ms()) throw BallotsError.votingStarted();
  }
}
