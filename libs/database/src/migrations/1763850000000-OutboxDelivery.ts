import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox claims (a relay claims rows for a short time, so several relays never dispatch one row at once and a
 * crashed relay's claim simply expires), terminal failures of in-process jobs, and the heartbeat job's counter.
 */
export class OutboxDelivery1763850000000 implements MigrationInterface {
  name = 'OutboxDelivery1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN locked_until timestamptz`);
    await q.query(`ALTER TABLE outbox ADD COLUMN failed_at timestamptz`);
    await q.query(`DROP INDEX outbox_pending_idx`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (available_at, created_at) WHERE dispatched_at IS NULL AND failed_at IS NULL`);
    await q.query(`
      CREATE TABLE job_heartbeats (
        job_id text PRIMARY KEY,
        note text NOT NULL,
        runs integer NOT NULL DEFAULT 1,
        last_run_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_heartbeats`);
    await q.query(`DROP INDEX outbox_pending_idx`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (available_at, created_at) WHERE dispatched_at IS NULL`);
    await q.query(`ALTER TABLE outbox DROP COLUMN failed_at`);
    await q.query(`ALTER TABLE outbox DROP COLUMN locked_until`);
  }
}
