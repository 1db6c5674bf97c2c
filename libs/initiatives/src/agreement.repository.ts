import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@civitas/database';
import type { FinalReport } from './agreement.service';

/** The agreement drawn up for an application: its number and term (days, YYYY-MM-DD). */
export interface AgreementDraft {
  number: string;
  termFrom: string;
  termTo: string;
}

/**
 * The SQL of an application's agreement, its carrying out and its final report (the agreement columns of
 * `initiatives`), as named methods with typed rows. Writes take the transaction's EntityManager; the read takes one
 * optionally.
 */
@Injectable()
export class AgreementRepository {
  constructor(private readonly ds: DataSource) {}

  /** Records the drafted agreement (a new draft replaces the previous one) and moves the application to agreement_drafted. */
  async recordDraft(m: EntityManager, id: string, a: AgreementDraft): Promise<void> {
    await m.query(
      `UPDATE initiatives SET status = 'agreement_drafted', agreement_number = $2, agreement_term_from = $3::date, agreement_term_to = $4::date, updated_at = now() WHERE id = $1`,
      [id, a.number, a.termFrom, a.termTo],
    );
  }

  /** Records the agreement as signed at the instant given. */
  async recordSignature(m: EntityManager, id: string, signedAt: Date): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'agreement_signed', signed_at = $2, updated_at = now() WHERE id = $1`, [id, signedAt]);
  }

  /** Moves the application to in_progress: the task is being carried out. */
  async markInProgress(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'in_progress', updated_at = now() WHERE id = $1`, [id]);
  }

  /** Records the termination of the agreement, with the reason. */
  async recordTermination(m: EntityManager, id: string, reason: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'terminated', terminated_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  /** Stores the final report (replacing one filed before). */
  async saveFinalReport(m: EntityManager, id: string, report: FinalReport): Promise<void> {
    await m.query(`UPDATE initiatives SET final_report = $2::jsonb, updated_at = now() WHERE id = $1`, [id, JSON.stringify(report)]);
  }

  /** Whether the application's final report is filed. */
  async hasFinalReport(id: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    const [{ filed }] = await queryRows<{ filed: boolean }>(m, `SELECT final_report IS NOT NULL AS filed FROM initiatives WHERE id = $1`, [id]);
    return filed;
  }

  /** Moves the application to completed. */
  async markCompleted(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE initiatives SET status = 'completed', updated_at = now() WHERE id = $1`, [id]);
  }
}
