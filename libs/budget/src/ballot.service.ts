import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@civitas/database';
import { NotificationsService } from '@civitas/notifications';
import type { ScheduleDefinition } from '@civitas/queue';
import { BudgetError, BudgetErrorCode } from './budget.errors';
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
    const editions = (await this.ds.query(
      `SELECT e.id, e.current_phase, EXISTS (SELECT 1 FROM budget_ballot_lists b WHERE b.edition_id = e.id) AS has_ballot
         FROM budget_editions e WHERE e.status = 'published'`,
    )) as Array<{ id: string; current_phase: string | null; has_ballot: boolean }>;
    const report = [];
    for (const e of editions) {
      const phases = await this.editions.phases(this.ds.manager, e.id);
      const phase = phaseAt(phases, now);
      if (phase !== e.current_phase) {
        await this.ds.transaction(async (m) => {
          // Conditional, so that the phase's announcement goes out once however many runs overlap.
          const moved = rowsOf<{ name: string }>(
            await m.query(`UPDATE budget_editions SET current_phase = $2 WHERE id = $1 AND current_phase IS DISTINCT FROM $2 RETURNING name`, [e.id, phase]),
          );
          if (moved.length && phase === 'voting') {
            const voting = phases.find((p) => p.phase === 'voting')!;
            await this.notifications.publish(m, {
              kind: 'voting.opened',
              facts: { editionId: e.id, editionName: moved[0].name, closesAt: voting.endsAt.toISOString() },
              topics: [`edition:${e.id}`],
            });
          }
        });
        this.logger.log(`Edition ${e.id}: phase ${e.current_phase ?? '-'} → ${phase ?? '-'}`);
      }
      let ballot: 'drawn' | 'waiting' | 'done' | 'not_yet' = e.has_ballot ? 'done' : 'not_yet';
      if (!e.has_ballot && this.appealsOver(phases, now)) {
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
      const [e] = (await m.query(`SELECT id, ballot_order FROM budget_editions WHERE id = $1 AND status = 'published' FOR UPDATE`, [editionId])) as Array<{
        id: string;
        ballot_order: 'alphabetical' | 'lottery';
      }>;
      if (!e) throw BudgetError.editionNotFound();
      if (((await m.query(`SELECT 1 FROM budget_ballot_lists WHERE edition_id = $1`, [editionId])) as unknown[]).length) return;
      const phases = await this.editions.phases(m, editionId);
      if (!this.appealsOver(phases, now)) {
        const phase = phaseAt(phases, now);
        throw BudgetError.ballotNotReady({
          pl: `Listę projektów do głosowania ustala się po zakończeniu fazy odwołań${phase ? ` (trwa faza: ${phase})` : ''}.`,
          en: `The ballot list is drawn up once the appeals phase has ended${phase ? ` (now: ${phase})` : ''}.`,
        });
      }
      const [{ undecided }] = (await m.query(
        `SELECT count(*)::int AS undecided FROM budget_projects
          WHERE edition_id = $1 AND (status = ANY($2::text[]) OR (status = 'rejected' AND appeal_deadline > $3))`,
        [editionId, UNDECIDED, now],
      )) as Array<{ undecided: number }>;
      if (undecided > 0) {
        throw BudgetError.ballotNotReady({
          pl: `Na decyzję czeka jeszcze ${undecided} projekt(ów) (ocena, poprawki lub odwołanie): lista do głosowania nie może być jeszcze ostateczna.`,
          en: `${undecided} project(s) still await a decision (review, correction or appeal): the ballot list cannot be final yet.`,
        });
      }
      const pools = (await m.query(`SELECT id FROM budget_pools WHERE edition_id = $1 ORDER BY id`, [editionId])) as Array<{ id: string }>;
      for (const pool of pools) {
        const admitted = (await m.query(`SELECT id, number, title FROM budget_projects WHERE pool_id = $1 AND status = 'admitted' FOR UPDATE`, [
          pool.id,
        ])) as Array<{ id: string; number: number; title: string }>;
        const seed = e.ballot_order === 'lottery' ? randomBytes(16).toString('hex') : null;
        const ordered = seed ? lotteryOrder(admitted, seed) : alphabeticalOrder(admitted);
        for (const [i, p] of ordered.entries()) {
          await m.query(`UPDATE budget_projects SET status = 'on_ballot', ballot_position = $2, updated_at = now() WHERE id = $1`, [p.id, i + 1]);
          await this.projects.history(m, p.id, null, 'placed_on_ballot', 'admitted', 'on_ballot', null, { position: i + 1, ordering: e.ballot_order, seed });
          await this.projects.notify(m, p.id, 'on_ballot');
        }
        await m.query(`INSERT INTO budget_ballot_lists (edition_id, pool_id, ordering, seed, project_ids) VALUES ($1, $2, $3, $4, $5::uuid[])`, [
          editionId,
          pool.id,
          e.ballot_order,
          seed,
          ordered.map((p) => p.id),
        ]);
      }
    });
    return this.lists(editionId, { manager: this.ds.manager, includeDraft: true });
  }

  /** The ballot lists of an edition, per pool in ballot order (public once drawn up). */
  async lists(editionId: string, opts: { manager?: EntityManager; includeDraft?: boolean } = {}): Promise<BallotList[]> {
    const m = opts.manager ?? this.ds.manager;
    await this.editions.get(editionId, { manager: m, includeDraft: opts.includeDraft });
    const rows = (await m.query(
      `SELECT b.pool_id, pool.name AS pool_name, b.ordering, b.seed, b.created_at, b.project_ids
         FROM budget_ballot_lists b JOIN budget_pools pool ON pool.id = b.pool_id
        WHERE b.edition_id = $1 ORDER BY pool.area_id NULLS FIRST, lower(pool.name)`,
      [editionId],
    )) as Array<{ pool_id: string; pool_name: string; ordering: 'alphabetical' | 'lottery'; seed: string | null; created_at: Date; project_ids: string[] }>;
    if (!rows.length) {
      throw BudgetError.ballotNotReady({
        pl: 'Lista projektów do głosowania nie została jeszcze ustalona.',
        en: 'The ballot list has not been drawn up yet.',
      });
    }
    const projects = (await m.query(`SELECT id, number, title, total_cost, area_id FROM budget_projects WHERE id = ANY($1::uuid[])`, [
      rows.flatMap((r) => r.project_ids),
    ])) as Array<{ id: string; number: number; title: string; total_cost: string; area_id: string | null }>;
    const byId = new Map(projects.map((p) => [p.id, p]));
    return rows.map((r) => ({
      poolId: r.pool_id,
      poolName: r.pool_name,
      ordering: r.ordering,
      seed: r.seed,
      createdAt: r.created_at,
      projects: r.project_ids.map((id, i) => {
        const p = byId.get(id)!;
        return { position: i + 1, id, number: p.number, title: p.title, totalCost: Number(p.total_cost), areaId: p.area_id };
      }),
    }));
  }
}
