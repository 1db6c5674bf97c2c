import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Participatory budget: editions with their phases, categories and rules, pools, projects with authors and cost
 * items, online endorsements, and the append-only history of every decision on a project.
 */
export class Budget1795500000000 implements MigrationInterface {
  name = 'Budget1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_editions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        -- draft: being configured, visible to admins only
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
        -- the rules of the council's resolution (see libs/budget/src/edition-rules.ts)
        rules jsonb NOT NULL,
        ballot_order text NOT NULL DEFAULT 'alphabetical' CHECK (ballot_order IN ('alphabetical', 'lottery')),
        -- the phase last acted on by the phase job (its side effects ran)
        current_phase text,
        project_counter integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_editions_name_key ON budget_editions (lower(name))`);

    await q.query(`
      CREATE TABLE budget_phases (
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        phase text NOT NULL CHECK (phase IN ('submission', 'formal_review', 'merit_review', 'appeals', 'ballot_list',
                                             'voting', 'vote_verification', 'results', 'implementation')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        PRIMARY KEY (edition_id, phase),
        CHECK (ends_at > starts_at)
      )`);

    await q.query(`
      CREATE TABLE budget_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        name_pl text NOT NULL CHECK (length(btrim(name_pl)) BETWEEN 1 AND 100),
        name_en text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 100)
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_categories_name_key ON budget_categories (edition_id, lower(name_pl))`);

    await q.query(`
      CREATE TABLE budget_pools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        area_id uuid REFERENCES areas(id) ON DELETE RESTRICT,
        category_id uuid REFERENCES budget_categories(id) ON DELETE RESTRICT,
        amount bigint NOT NULL CHECK (amount > 0),
        -- per-project cost limits: absolute (grosze) and/or basis points of the pool (10000 = 100 %)
        min_cost bigint CHECK (min_cost > 0),
        max_cost bigint CHECK (max_cost > 0),
        min_cost_bp integer CHECK (min_cost_bp BETWEEN 1 AND 10000),
        max_cost_bp integer CHECK (max_cost_bp BETWEEN 1 AND 10000),
        signatures_required integer NOT NULL DEFAULT 0 CHECK (signatures_required >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_pools_name_key ON budget_pools (edition_id, lower(name))`);

    await q.query(`
      CREATE TABLE budget_projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE RESTRICT,
        pool_id uuid NOT NULL REFERENCES budget_pools(id) ON DELETE RESTRICT,
        category_id uuid REFERENCES budget_categories(id) ON DELETE RESTRICT,
        area_id uuid REFERENCES areas(id) ON DELETE RESTRICT,
        -- given at submission, in order: 1, 2, …
        number integer,
        status text NOT NULL DEFAULT 'draft',
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        summary text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        justification text NOT NULL DEFAULT '',
        beneficiaries text NOT NULL DEFAULT '',
        address text NOT NULL DEFAULT '',
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        total_cost bigint NOT NULL DEFAULT 0 CHECK (total_cost >= 0),
        endorsements integer NOT NULL DEFAULT 0,
        correction_deadline timestamptz,
        submitted_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || summary)) STORED
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_projects_number_key ON budget_projects (edition_id, number) WHERE number IS NOT NULL`);
    await q.query(`CREATE INDEX budget_projects_list_idx ON budget_projects (edition_id, status, pool_id)`);
    await q.query(`CREATE INDEX budget_projects_search_idx ON budget_projects USING gin (search)`);

    await q.query(`
      CREATE TABLE budget_project_authors (
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('main', 'co')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, user_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_project_main_author_key ON budget_project_authors (project_id) WHERE role = 'main'`);
    await q.query(`CREATE INDEX budget_project_authors_user_idx ON budget_project_authors (user_id)`);

    await q.query(`
      CREATE TABLE budget_cost_items (
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        description text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 300),
        amount bigint NOT NULL CHECK (amount > 0),
        PRIMARY KEY (project_id, position)
      )`);

    await q.query(`
      CREATE TABLE budget_endorsements (
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, user_id)
      )`);

    // Append-only: decisions are never changed or removed.
    await q.query(`
      CREATE TABLE budget_project_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE RESTRICT,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        from_status text,
        to_status text,
        -- the public justification (shown with the project once it is public)
        reason text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX budget_project_history_project_idx ON budget_project_history (project_id, id)`);
    await q.query(`
      CREATE FUNCTION budget_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'budget_project_history is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER budget_history_no_change BEFORE UPDATE OR DELETE ON budget_project_history
      FOR EACH ROW EXECUTE FUNCTION budget_history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_project_history`);
    await q.query(`DROP FUNCTION budget_history_append_only()`);
    await q.query(`DROP TABLE budget_endorsements`);
    await q.query(`DROP TABLE budget_cost_items`);
    await q.query(`DROP TABLE budget_project_authors`);
    await q.query(`DROP TABLE budget_projects`);
    await q.query(`DROP TABLE budget_pools`);
    await q.query(`DROP TABLE budget_categories`);
    await q.query(`DROP TABLE budget_phases`);
    await q.query(`DROP TABLE budget_editions`);
  }
}
