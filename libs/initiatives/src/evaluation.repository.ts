import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows, rowsOf } from '@civitas/database';
import type { InitiativeRow } from './applications.service';
import { DEADLINE_MOVE, type InitiativeStatus } from './initiative-status';
import type { Evaluation } from './review.service';

/** The audit action of an official opening everyone's scores for the decision (from then on they cannot score). */
export const SCORES_DISCLOSED = 'initiatives.scores_disclosed';

/** One evaluator's submitted scores, without the result (which depends on the programme's criteria). */
export type SubmittedEvaluation = Omit<Evaluation, 'result'>;

/** What the applicants are told with: the application, its author and contact. */
export type InitiativeNotice = Pick<InitiativeRow, 'id' | 'created_by' | 'contact_email' | 'title'>;

/** A decision on an application: its new status, the purposefulness, the justification and who decided. */
export interface NewDecision {
  status: InitiativeStatus;
  purposefulness: string;
  reason: string;
  decidedBy: string;
}

interface EvaluationRow {
  evaluator_id: string;
  display_name: string | null;
  scores: Record<string, number>;
  remarks: string;
  submitted_at: Date;
}

const evaluationOf = (e: EvaluationRow): SubmittedEvaluation => ({
  evaluatorId: e.evaluator_id,
  evaluatorName: e.display_name ?? '',
  scores: e.scores,
  remarks: e.remarks,
  submittedAt: e.submitted_at,
});

/**
 * The SQL of an application's evaluation: the formal check and its corrections (with the deadline job), the
 * evaluators' scores (`initiative_evaluations`) and the decision, as named methods with typed rows. Methods used in a
 * transaction take its EntityManager first; the others read through the DataSource.
 */
@Injectable()
export class EvaluationRepository {
  constructor(private readonly ds: DataSource) {}

  /** Moves the application to the formal check. */
  async startFormalCheck(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'formal_check', updated_at = now() WHERE id = $1`, [id]);
  }

  /** Asks the applicants for a correction, with the note and the deadline. */
  async requestCorrection(m: EntityManager, id: string, note: string, deadline: Date): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'correction_requested', correction_note = $2, correction_deadline = $3, updated_at = now() WHERE id = $1`, [
      id,
      note,
      deadline,
    ]);
  }

  /** Passes the application to the evaluation, clearing the correction note. */
  async passFormalCheck(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'evaluation', correction_note = NULL, updated_at = now() WHERE id = $1`, [id]);
  }

  /** Rejects the application for formal reasons, with the justification and who decided. */
  async rejectFormally(m: EntityManager, id: string, reason: string, decidedBy: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'rejected', decision_reason = $2, decided_by = $3, decided_at = now(), updated_at = now() WHERE id = $1`, [
      id,
      reason,
      decidedBy,
    ]);
  }

  /** The ids of the applications still waiting for corrections after their deadline, earliest deadline first. */
  async listPastCorrectionDeadline(now: Date, m: EntityManager = this.ds.manager): Promise<string[]> {
    const { from, at } = DEADLINE_MOVE;
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM initiatives WHERE status = $2 AND ${at} < $1 ORDER BY ${at}, id`, [now, from]);
    return rows.map((r) => r.id);
  }

  /**
   * Leaves the application unconsidered if it still waits for corrections after its deadline (conditional, so an
   * overlapping run or a correction sent at the last moment wins once); undefined when it did not move.
   */
  async leaveUnconsidered(m: EntityManager, id: string, now: Date): Promise<InitiativeNotice | undefined> {
    const { from, to, at } = DEADLINE_MOVE;
    const [r] = rowsOf<InitiativeNotice>(
      await m.query(
        `UPDATE initiatives SET status = $3, updated_at = now() WHERE id = $1 AND status = $4 AND ${at} < $2
             RETURNING id, created_by, contact_email, title`,
        [id, now, to, from],
      ),
    );
    return r;
  }

  /** The application's submitted evaluations with their evaluators' names, in the order submitted. */
  async listEvaluations(m: EntityManager, id: string): Promise<SubmittedEvaluation[]> {
    const rows = await queryRows<EvaluationRow>(
      m,
      `SELECT e.evaluator_id, u.display_name, e.scores, e.remarks, e.submitted_at FROM initiative_evaluations e JOIN users u ON u.id = e.evaluator_id
          WHERE e.initiative_id = $1 ORDER BY e.submitted_at, e.evaluator_id`,
      [id],
    );
    return rows.map(evaluationOf);
  }

  /** The points of each submitted evaluation of the application. */
  async listScores(m: EntityManager, id: string): Promise<Array<Record<string, number>>> {
    const rows = await queryRows<{ scores: Record<string, number> }>(m, `SELECT scores FROM initiative_evaluations WHERE initiative_id = $1`, [id]);
    return rows.map((e) => e.scores);
  }

  /** How many evaluations of the application are submitted. */
  async countEvaluations(m: EntityManager, id: string): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM initiative_evaluations WHERE initiative_id = $1`, [id]);
    return n;
  }

  /** Whether the evaluator has submitted their evaluation of the application. */
  async hasScored(m: EntityManager, id: string, evaluatorId: string): Promise<boolean> {
    return (await queryRows<unknown>(m, `SELECT 1 FROM initiative_evaluations WHERE initiative_id = $1 AND evaluator_id = $2`, [id, evaluatorId])).length > 0;
  }

  /** Records one evaluator's scores; false when they already had (nothing is written). */
  async insertEvaluation(m: EntityManager, id: string, evaluatorId: string, scores: Record<string, number>, remarks: string): Promise<boolean> {
    const inserted = rowsOf(
      await m.query(
        `INSERT INTO initiative_evaluations (initiative_id, evaluator_id, scores, remarks) VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT DO NOTHING RETURNING evaluator_id`,
        [id, evaluatorId, JSON.stringify(scores), remarks],
      ),
    );
    return inserted.length > 0;
  }

  /** Stores the application's score (to 3 decimals; null: none yet). */
  async setScore(m: EntityManager, id: string, score: number | null): Promise<void> {
    await m.query(`UPDATE initiatives SET score = $2, updated_at = now() WHERE id = $1`, [id, score === null ? null : score.toFixed(3)]);
  }

  /** The application's current status and score (null before the first evaluation). */
  async statusAndScore(m: EntityManager, id: string): Promise<{ status: InitiativeStatus; score: number | null }> {
    const [{ status, score }] = await queryRows<{ status: InitiativeStatus; score: string | null }>(m, `SELECT status, score FROM initiatives WHERE id = $1`, [
      id,
    ]);
    return { status, score: score === null ? null : Number(score) };
  }

  /** Whether the official has opened everyone's scores of the application for the decision (the audit log says). */
  async scoresDisclosedTo(m: EntityManager, id: string, userId: string): Promise<boolean> {
    const rows = await queryRows<unknown>(
      m,
      `SELECT 1 FROM audit_log WHERE action = $1 AND subject_type = 'initiative' AND subject_id = $2 AND actor_id = $3 LIMIT 1`,
      [SCORES_DISCLOSED, id, userId],
    );
    return rows.length > 0;
  }

  /** Locks the application's programme row for the rest of the transaction (approvals of one year count one after another). */
  async lockProgramme(m: EntityManager, programmeId: string): Promise<void> {
    await m.query(`SELECT id FROM initiative_programmes WHERE id = $1 FOR UPDATE`, [programmeId]);
  }

  /** Records the decision: approved or rejected, with the purposefulness, the justification and who decided. */
  async recordDecision(m: EntityManager, id: string, d: NewDecision): Promise<void> {
    await m.query(
      `UPDATE initiatives SET status = $2, purposefulness = $3, decision_reason = $4, decided_by = $5, decided_at = now(), updated_at = now() WHERE id = $1`,
      [id, d.status, d.purposefulness, d.reason, d.decidedBy],
    );
  }
}
