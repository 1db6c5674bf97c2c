import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * booth_drafts: the voting booth's form state between its pages (identity, pools, choices; after casting, only the
 * ballot's reference), encrypted with a key that only the voter's cookie holds (AES-256-GCM: `iv`, `tag`, `state`).
 * Short-lived (`expires_at`, moved on every save); expired drafts are deleted by the hourly erasure job.
 */
export class BoothDrafts1796080000000 implements MigrationInterface {
  name = 'BoothDrafts1796080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE booth_drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        iv bytea NOT NULL,
        tag bytea NOT NULL,
        state bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX booth_drafts_expires_at ON booth_drafts (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE booth_drafts`);
  }
}
