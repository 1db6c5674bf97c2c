import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * password_reset_requests: a password-reset request as it arrives, before anything looks the address up. The
 * request path writes one row and one outbox job whether or not the address has an account (its timing says
 * nothing about existence); the `start-password-reset` job deletes the row, and only then looks the account up.
 * The address lives here, never in the job's payload.
 */
export class PasswordResetRequests1796050000000 implements MigrationInterface {
  name = 'PasswordResetRequests1796050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_reset_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset_requests`);
  }
}
