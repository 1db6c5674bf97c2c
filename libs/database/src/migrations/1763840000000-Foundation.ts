import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, roles with optional area scopes, one-time e-mail tokens, areas and the transactional outbox. */
export class Foundation1763840000000 implements MigrationInterface {
  name = 'Foundation1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE areas (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('city', 'district', 'neighbourhood')),
        parent_id uuid REFERENCES areas(id) ON DELETE RESTRICT,
        resident_count integer NOT NULL DEFAULT 0 CHECK (resident_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX areas_parent_name_key ON areas (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`);
    await q.query(`CREATE INDEX areas_parent_idx ON areas (parent_id)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        display_name text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
        password_hash text NOT NULL,
        locale text NOT NULL DEFAULT 'pl' CHECK (locale IN ('pl', 'en')),
        email_verified_at timestamptz,
        disabled_at timestamptz,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await q.query(`
      CREATE TABLE user_roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('moderator', 'official', 'admin')),
        area_id uuid REFERENCES areas(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // area_id NULL = the role over every area; otherwise one row per area the role is limited to.
    await q.query(`CREATE UNIQUE INDEX user_roles_key ON user_roles (user_id, role, COALESCE(area_id, '00000000-0000-0000-0000-000000000000'::uuid))`);

    await q.query(`
      CREATE TABLE auth_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
        request_id uuid NOT NULL,
        token_hash text,
        expires_at timestamptz NOT NULL,
        sent_at timestamptz,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX auth_tokens_request_key ON auth_tokens (request_id)`);
    await q.query(`CREATE UNIQUE INDEX auth_tokens_hash_key ON auth_tokens (token_hash)`);
    await q.query(`CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, purpose)`);

    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        available_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (available_at, created_at) WHERE dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE job_executions (
        job_id text PRIMARY KEY,
        job_name text NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_executions`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE auth_tokens`);
    await q.query(`DROP TABLE user_roles`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE areas`);
  }
}
