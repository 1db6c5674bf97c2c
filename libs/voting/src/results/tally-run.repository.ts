import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { TallyRunView } from './results.service';

/** A tally run as the runner reads it: its edition and status. */
export interface TallyRunHead {
  id: string;
  editionId: string;
  status: string;
}

/** A finished tally run: its id and when it finished. */
export interface DoneTallyRun {
  id: string;
  finishedAt: Date | null;
}

interface RunRow {
  id: string;
  status: TallyRunView['status'];
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const runView = (r: RunRow): TallyRunView => ({
  id: r.id,
  status: r.status,
  error: r.error,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/**
 * The SQL of `tally_runs`: requesting a run, its states (queued → running → done | failed) and the reads of the
 * latest runs, as named methods with typed rows. Methods that change data inside a transaction take its
 * EntityManager; reads take one optionally.
 */
@Injectable()
export class TallyRunRepository {
  constructor(private readonly ds: DataSource) {}

  /** The edition's latest run, whatever its status; undefined when there is none. */
  async findLatest(m: EntityManager, editionId: string): Promise<TallyRunView | undefined> {
    const r = await queryOne<RunRow>(
      m,
      `SELECT id, status, error, created_at, started_at, finished_at FROM tally_runs WHERE edition_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [editionId],
    );
    return r && runView(r);
  }

  /** Whether a run of the edition is queued or running. */
  async hasActive(m: EntityManager, editionId: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM tally_runs WHERE edition_id = $1 AND status IN ('queued', 'running')`, [editionId])).length > 0;
  }

  /** Queues a new run of the edition; its id. */
  async insert(m: EntityManager, editionId: string, requestedBy: string): Promise<string> {
    const [{ id }] = await queryRows<{ id: string }>(m, `INSERT INTO tally_runs (edition_id, requested_by) VALUES ($1, $2) RETURNING id`, [
      editionId,
      requestedBy,
    ]);
    return id;
  }

  /** The edition's latest finished run's id; undefined when none finished. */
  async findLatestDoneId(m: EntityManager, editionId: string): Promise<string | undefined> {
    const r = await queryOne<{ id: string }>(
      m,
      `SELECT id FROM tally_runs WHERE edition_id = $1 AND status = 'done' ORDER BY created_at DESC, id DESC LIMIT 1`,
      [editionId],
    );
    return r?.id;
  }

  /** The edition's two latest finished runs, latest first. */
  async listLastTwoDone(editionId: string, m: EntityManager = this.ds.manager): Promise<DoneTallyRun[]> {
    const rows = await queryRows<{ id: string; finished_at: Date | null }>(
      m,
      `SELECT id, finished_at FROM tally_runs WHERE edition_id = $1 AND status = 'done' ORDER BY created_at DESC, id DESC LIMIT 2`,
      [editionId],
    );
    return rows.map((r) => ({ id: r.id, finishedAt: r.finished_at }));
  }

  /** A run's edition and status; undefined when there is no such run. */
  async findHead(tallyRunId: string, m: EntityManager = this.ds.manager): Promise<TallyRunHead | undefined> {
    const r = await queryOne<{ id: string; edition_id: string; status: string }>(m, `SELECT id, edition_id, status FROM tally_runs WHERE id = $1`, [
      tallyRunId,
    ]);
    return r && { id: r.id, editionId: r.edition_id, status: r.status };
  }

  /** Marks a run not yet done as running (again), clearing a previous error. */
  async markRunning(tallyRunId: string, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(`UPDATE tally_runs SET status = 'running', started_at = now(), error = NULL, finished_at = NULL WHERE id = $1 AND status <> 'done'`, [
      tallyRunId,
    ]);
  }

  /** Locks the run and reads its status; undefined when there is no such run. */
  async lockStatus(m: EntityManager, tallyRunId: string): Promise<string | undefined> {
    return (await queryOne<{ status: string }>(m, `SELECT status FROM tally_runs WHERE id = $1 FOR UPDATE`, [tallyRunId]))?.status;
  }

  /** Marks the run done. */
  async markDone(m: EntityManager, tallyRunId: string): Promise<void> {
    await m.query(`UPDATE tally_runs SET status = 'done', error = NULL, finished_at = now() WHERE id = $1`, [tallyRunId]);
  }

  /** Marks a run not yet done as failed, with its error. */
  async markFailed(tallyRunId: string, error: string, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(`UPDATE tally_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status <> 'done'`, [tallyRunId, error]);
  }
}
