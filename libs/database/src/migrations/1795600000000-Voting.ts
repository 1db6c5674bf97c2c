import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voting and results (DESIGN §4.4): the voting policy of an edition and the ballot spec of each pool, voters'
 * identities kept apart from ballot content, ballots on every channel with one live ballot per voter key, e-mail
 * confirmation codes, double-keyed paper entries, idempotent submissions, tally runs and their stored results, and
 * the public code of each project.
 */
export class Voting1795600000000 implements MigrationInterface {
  name = 'Voting1795600000000';

  async up(q: QueryRunner): Promise<void> {
    // A project's short public code (e.g. BO.OM.97/24); an imported project keeps the file's project_id.
    await q.query(`ALTER TABLE budget_projects ADD COLUMN code text CHECK (length(code) BETWEEN 1 AND 64)`);
    await q.query(`CREATE UNIQUE INDEX budget_projects_code_key ON budget_projects (edition_id, code) WHERE code IS NOT NULL`);

    await q.query(`
      CREATE TABLE voting_policies (
        edition_id uuid PRIMARY KEY REFERENCES budget_editions(id) ON DELETE CASCADE,
        -- how a voter proves who they are, besides the declaration (names + area/address): any of email_code, pesel, account
        methods text[] NOT NULL DEFAULT ARRAY['email_code'],
        min_age integer CHECK (min_age BETWEEN 0 AND 120),
        -- below this age a guardian's declaration is required
        guardian_below_age integer CHECK (guardian_below_age BETWEEN 0 AND 120),
        -- first_counts: a later ballot of the same person is refused; void_all: all of that person's ballots are void
        duplicate_policy text NOT NULL DEFAULT 'first_counts' CHECK (duplicate_policy IN ('first_counts', 'void_all')),
        -- how many area (district) pools one voter may vote in, besides the city-wide ones
        max_area_pools integer NOT NULL DEFAULT 1 CHECK (max_area_pools >= 0),
        -- the outcome rule and its options (libs/tally): greedy, equalshares/add1, …
        rule text NOT NULL DEFAULT 'greedy',
        rule_options jsonb NOT NULL DEFAULT '{}',
        -- the seed of the lot breaking the last ties, published before voting opens
        tie_seed text NOT NULL,
        -- identity data (names, addresses, e-mail) is erased after this date
        retain_identities_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE voting_pool_specs (
        pool_id uuid PRIMARY KEY REFERENCES budget_pools(id) ON DELETE CASCADE,
        vote_type text NOT NULL CHECK (vote_type IN ('approval', 'cumulative', 'ordinal', 'choose-1')),
        min_length integer NOT NULL DEFAULT 1 CHECK (min_length >= 0),
        max_length integer CHECK (max_length >= 1),
        -- approval: the optional ceiling on the total cost of the chosen projects (grosze)
        max_sum_cost bigint CHECK (max_sum_cost > 0),
        -- cumulative: points to distribute and the maximum per project
        points_total integer CHECK (points_total >= 1),
        max_points_per_project integer CHECK (max_points_per_project >= 1),
        -- ordinal: exactly max_length ranked (true) or at most (false)
        exact_length boolean NOT NULL DEFAULT false,
        CHECK (max_length IS NULL OR max_length >= min_length)
      )`);

    // Identity data, apart from ballot content; joined to ballots only by the voter key (an HMAC, never a plain hash).
    await q.query(`
      CREATE TABLE voter_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        voter_key text NOT NULL,
        first_name text,
        last_name text,
        area_id uuid REFERENCES areas(id) ON DELETE SET NULL,
        address text,
        email text,
        birth_year integer,
        guardian jsonb,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        wants_results boolean NOT NULL DEFAULT false,
        locale text NOT NULL DEFAULT 'pl' CHECK (locale IN ('pl', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz
      )`);
    await q.query(`CREATE INDEX voter_identities_key_idx ON voter_identities (edition_id, voter_key)`);

    await q.query(`
      CREATE TABLE ballots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        voter_key text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('online', 'paper')),
        -- pending: waiting for the e-mail code; valid: counts; void: not counted (duplicate policy, or annulled)
        status text NOT NULL CHECK (status IN ('pending', 'valid', 'void')),
        -- the public reference printed on the receipt
        reference text NOT NULL UNIQUE,
        area_id uuid REFERENCES areas(id) ON DELETE SET NULL,
        void_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz
      )`);
    // One live (pending or valid) ballot per person and edition.
    await q.query(`CREATE UNIQUE INDEX ballots_one_live_key ON ballots (edition_id, voter_key) WHERE status IN ('pending', 'valid')`);
    await q.query(`CREATE INDEX ballots_turnout_idx ON ballots (edition_id, status, channel)`);

    await q.query(`
      CREATE TABLE ballot_choices (
        ballot_id uuid NOT NULL REFERENCES ballots(id) ON DELETE CASCADE,
        pool_id uuid NOT NULL REFERENCES budget_pools(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        -- ordinal: 1 = first choice; cumulative: points; approval/choose-1: 1
        position integer NOT NULL DEFAULT 1,
        points integer NOT NULL DEFAULT 1 CHECK (points >= 1),
        PRIMARY KEY (ballot_id, project_id)
      )`);
    await q.query(`CREATE INDEX ballot_choices_pool_idx ON ballot_choices (pool_id)`);

    await q.query(`
      CREATE TABLE ballot_codes (
        ballot_id uuid PRIMARY KEY REFERENCES ballots(id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL
      )`);

    // Paper ballots are keyed twice by different operators; a mismatch goes to a third.
    await q.query(`
      CREATE TABLE paper_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        sheet text NOT NULL CHECK (length(sheet) BETWEEN 1 AND 64),
        operator_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        content_hash text NOT NULL,
        content jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, sheet, operator_id)
      )`);
    await q.query(`
      CREATE TABLE paper_sheets (
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        sheet text NOT NULL,
        -- keyed_once | matched (ballot created) | mismatch (waiting for a third operator) | resolved
        status text NOT NULL CHECK (status IN ('keyed_once', 'matched', 'mismatch', 'resolved', 'rejected')),
        ballot_id uuid REFERENCES ballots(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (edition_id, sheet)
      )`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        status integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);

    await q.query(`
      CREATE TABLE tally_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX tally_runs_edition_idx ON tally_runs (edition_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE pool_results (
        tally_run_id uuid NOT NULL REFERENCES tally_runs(id) ON DELETE CASCADE,
        pool_id uuid NOT NULL REFERENCES budget_pools(id) ON DELETE CASCADE,
        -- SHA-256 of the inputs (ballots, projects, rule, seed): the same inputs give the same result
        inputs_sha256 text NOT NULL,
        result jsonb NOT NULL,
        PRIMARY KEY (tally_run_id, pool_id)
      )`);
    await q.query(`
      CREATE TABLE edition_results (
        edition_id uuid PRIMARY KEY REFERENCES budget_editions(id) ON DELETE CASCADE,
        tally_run_id uuid NOT NULL REFERENCES tally_runs(id) ON DELETE RESTRICT,
        published_by uuid REFERENCES users(id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'edition_results',
      'pool_results',
      'tally_runs',
      'idempotency_keys',
      'paper_sheets',
      'paper_entries',
      'ballot_codes',
      'ballot_choices',
      'ballots',
      'voter_identities',
      'voting_pool_specs',
      'voting_policies',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP INDEX budget_projects_code_key`);
    await q.query(`ALTER TABLE budget_projects DROP COLUMN code`);
  }
}
