import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '@civitas/notifications';
import type { ScheduleDefinition } from '@civitas/queue';
import { BallotRepository } from './ballot.repository';
import { BudgetError, BudgetErrorCode } from './budget.errors';
import { EditionRepository } from './edition.repository';
import { EditionsService } from './editions.service';
import { phaseAt } from './phases';
import { ProjectsService } from './projects.service';
import { Clock } from '@civitas/config';

export interface BallotList {
  poolId: string;
  poolName: string;
  ordering: 'alphabetical' | 'lottery';
  /** The lottery's seed: anyone can recompute the order (see `lotteryOrder`). Null for alphabetical lists. */
  seed: string | null;
  createdAt: Date;
  projects: Array<{ position: number; id: string; number: number; title: string; totalCost: number; areaId: string | null }>;
}

/** Statuses that still wait for a decision: the ballot list cannot be final while any project has one. */
const UNDECIDED = ['submitted', 'formal_review', 'correction_requested', 'merit_review', 'appealed'];

const polish = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });

/** Alphabetical order by title (Polish collation), the project number breaking ties. */
export function alphabeticalOrder<T extends { title: string; number: number }>(projects: T[]): T[] {
  return [...projects].sort((a, b) => polish.compare(a.title, b.title) || a.number - b.number);
}

/**
 * The order drawn by lot: projects sorted by SHA-256 of `<seed>:<project number>` (hex, ascending). Public, so
 * anyone holding the published seed and the project numbers can check the list.
 */
export function lotteryOrder<T extends { number: number }>(projects: T[], seed: string): T[] {
  const key = (n: number) => createHash('sha256').update(`${seed}:${n}`).digest('hex');
  return projects
    .map((p) => ({ p, k: key(p.number) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.p);
}

const MINUTE = 60_000;

/**
 * The ballot list (DESIGN §4.3): when the appeals phase has ended and no project waits for a decision, the admitted
 * projects of each pool go on the ballot in the edition's order — alphabetical, or drawn by lot with a recorded seed.
 * The phase job (`advance-budget-phases`, every minute) draws the lists up — an admin can do it at once — and
 * announces the opening of the vote to the edition's subscribers.
 */
@Injectable()
export class BallotService {
  private readonly logger = new Logger('BallotService');

  constructor(
    private readonly ds: DataSource,
    private readonly ballotsRepo: BallotRepository,
    private readonly editionsRepo: EditionRepository,
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  schedule(): ScheduleDefinition<'advance-budget-phases'> {
    return {
      name: 'advance-budget-phases',
      job: 'advance-budget-phases',
      next: (after) => new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE),
      payload: (scheduledFor) => ({ scheduledFor: scheduledFor.toISOString() }),
    };
  }

  /**
   * The phase job: records the phase under way of every published edition and draws up the ballot lists of those
   * whose appeals phase has ended. Idempotent; returns what it did per edition (for the job's log, no personal data).
   */
  async advance(now = this.clock.now()): Promise<Array<{ editionId: string; phase: string | null; ballot: 'drawn' | 'waiting' | 'done' | 'not_yet' }>> {
    const editions = await this.ballotsRepo.listPhaseJobEditions();
    const report = [];
    for (const e of editions) {
      const phases = await this.editions.phases(this.ds.manager, e.id);
      const phase = phaseAt(phases, now);
      if (phase !== e.currentPhase) {
        await this.ds.transaction(async (m) => {
          // Conditional, so that the phase's announcement goes out once however many runs overlap.
          const movedName = await this.editionsRepo.setCurrentPhase(m, e.id, phase);
          if (movedName !== undefined && phase === 'voting') {
            const voting = phases.find((p) => p.phase === 'voting')!;
            await this.notifications.publish(m, {
              kind: 'voting.opened',
              facts: { editionId: e.id, editionName: movedName, closesAt: voting.endsAt.toISOString() },
              topics: [`edition:${e.id}`],
            });
          }
        });
        this.logger.log(`Edition ${e.id}: phase ${e.currentPhase ?? '-'} → ${phase ?? '-'}`);
      }
      let ballot: 'drawn' | 'waiting' | 'done' | 'not_yet' = e.hasBallot ? 'done' : 'not_yet';
      if (!e.hasBallot && this.appealsOver(phases, now)) {
        try {
          await this.draw(e.id, now);
          ballot = 'drawn';
        } catch (err) {
          if (!(err instanceof BudgetError && err.code === BudgetErrorCode.BallotNotReady)) throw err;
          ballot = 'waiting';
          this.logger.warn(`Edition ${e.id}: the ballot list waits for decisions on projects`);
        }
      }
      report.push({ editionId: e.id, phase, ballot });
    }
    return report;
  }

  private appealsOver(phases: Array<{ phase: string; endsAt: Date }>, now: Date): boolean {
    const appeals = phases.find((p) => p.phase === 'appeals');
    return !!appeals && appeals.endsAt.getTime() <= now.getTime();
  }

  /** Draws up the ballot lists of an edition (once; a second call returns the lists already drawn). */
  async draw(editionId: string, now = this.clock.now()): Promise<BallotList[]> {
    await this.ds.transaction(async (m) => {
      const e = await this.editionsRepo.lockPublished(m, editionId);
      if (!e) throw BudgetError.editionNotFound();
      if (await this.ballotsRepo.existsForEdition(m, editionId)) return;
      const phases = await this.editions.phases(m, editionId);
      if (!this.appealsOver(phases, now)) {
        const phase = phaseAt(phases, now);
        throw BudgetError.ballotNotReady({
          pl: `Listę projektów do głosowania ustala się po zakończeniu fazy odwołań${phase ? ` (trwa faza: ${phase})` : ''}.`,
          en: `The ballot list is drawn up once the appeals phase has ended${phase ? ` (now: ${phase})` : ''}.`,
        });
      }
      const undecided = await this.ballotsRepo.countUndecided(m, editionId, UNDECIDED, now);
      if (undecided > 0) {
        throw BudgetError.ballotNotReady({
          pl: `Na decyzję czeka jeszcze ${undecided} projekt(ów) (ocena, poprawki lub odwołanie): lista do głosowania nie może być jeszcze ostateczna.`,
          en: `${undecided} project(s) still await a decision (review, correction or appeal): the ballot list cannot be final yet.`,
        });
      }
      for (const poolId of await this.editionsRepo.listPoolIds(m, editionId)) {
        const admitted = await this.ballotsRepo.lockAdmittedOfPool(m, poolId);
        const seed = e.ballotOrder === 'lottery' ? randomBytes(16).toString('hex') : null;
        const ordered = seed ? lotteryOrder(admitted, seed) : alphabeticalOrder(admitted);
        for (const [i, p] of ordered.entries()) {
          await this.ballotsRepo.placeOnBallot(m, p.id, i + 1);
          await this.projects.history(m, p.id, null, 'placed_on_ballot', 'admitted', 'on_ballot', null, { position: i + 1, ordering: e.ballotOrder, seed });
          await this.projects.notify(m, p.id, 'on_ballot');
        }
        await this.ballotsRepo.insert(m, { editionId, poolId, ordering: e.ballotOrder, seed, projectIds: ordered.map((p) => p.id) });
      }
    });
    return this.lists(editionId, { manager: this.ds.manager, includeDraft: true });
  }

  /** The ballot lists of an edition, per pool in ballot order (public once drawn up). */
  async lists(editionId: string, opts: { manager?: EntityManager; includeDraft?: boolean } = {}): Promise<BallotList[]> {
    const m = opts.manager ?? this.ds.manager;
    await this.editions.get(editionId, { manager: m, includeDraft: opts.includeDraft });
    const lists = await this.ballotsRepo.listForEdition(m, editionId);
    if (!lists.length) {
      throw BudgetError.ballotNotReady({
        pl: 'Lista projektów do głosowania nie została jeszcze ustalona.',
        en: 'The ballot list has not been drawn up yet.',
      });
    }
    const projects = await this.ballotsRepo.findProjects(
      m,
      lists.flatMap((l) => l.projectIds),
    );
    const byId = new Map(projects.map((p) => [p.id, p]));
    return lists.map((l) => ({
      poolId: l.poolId,
      poolName: l.poolName,
      ordering: l.ordering,
      seed: l.seed,
      createdAt: l.createdAt,
      projects: l.projectIds.map((id, i) => {
        const p = byId.get(id)!;
        return { position: i + 1, id, number: p.number, title: p.title, totalCost: p.totalCost, areaId: p.areaId };
      }),
    }));
  }
}
