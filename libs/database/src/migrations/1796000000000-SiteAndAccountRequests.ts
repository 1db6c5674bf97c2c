import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * site_settings: the one row of what the first-run set-up page records (the city's name; more of the city's identity
 * comes from configuration). account_deletion_requests: a resident's request to delete the account, which an
 * administrator carries out (the account is anonymised) or declines; at most one pending request per account.
 */
export class SiteAndAccountRequests1796000000000 implements MigrationInterface {
  name = 'SiteAndAccountRequests1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE site_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        city_name_pl text CHECK (length(btrim(city_name_pl)) BETWEEN 1 AND 120),
        city_name_en text CHECK (length(btrim(city_name_en)) BETWEEN 1 AND 120),
        set_up_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE account_deletion_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        reason text CHECK (length(reason) <= 2000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'declined', 'withdrawn')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decision_note text CHECK (length(decision_note) <= 2000),
        CHECK ((status = 'pending') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX account_deletion_requests_one_pending ON account_deletion_requests (user_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX account_deletion_requests_status ON account_deletion_requests (status, requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_deletion_requests`);
    await q.query(`DROP TABLE site_settings`);
  }
}
