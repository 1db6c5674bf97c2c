import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne } from '@civitas/database';
import { JOB_QUEUE } from '@civitas/queue';

/**
 * Named statements over `password_reset_requests`: an address asking for a reset link, held until the
 * `start-password-reset` job acts on it. The address is read in the job only, off the request path.
 */
@Injectable()
export class PasswordResetRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Records the request and its `start-password-reset` job in one statement (the request and the job exist together,
   * without a transaction around two statements): the same statement whatever the address, so its timing says
   * nothing about the address having an account.
   */
  async record(email: string): Promise<void> {
    await this.ds.query(
      `WITH r AS (INSERT INTO password_reset_requests (email) VALUES ($1) RETURNING id)
       INSERT INTO outbox (queue, job_name, payload) SELECT $2, $3, jsonb_build_object('resetRequestId', r.id) FROM r`,
      [email, JOB_QUEUE['start-password-reset'], 'start-password-reset'],
    );
  }

  /** Takes the request (deleting it, so that it is acted on once); returns its address, or null when it is gone. */
  async take(m: EntityManager, id: string): Promise<string | null> {
    const row = await queryOne<{ email: string }>(m, `DELETE FROM password_reset_requests WHERE id = $1 RETURNING email`, [id]);
    return row?.email ?? null;
  }
}
