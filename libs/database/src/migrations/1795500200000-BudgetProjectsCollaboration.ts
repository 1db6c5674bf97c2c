import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Participatory budget, the rest of the road to the ballot: co-authors invited by e-mail, attachments (documents
 * and scanned support lists with the signatures counted by an official), cost corrections proposed by officials,
 * merges agreed by the authors, mutually exclusive projects, the ballot list per pool, and a hash chain over the
 * append-only project history.
 */
export class BudgetProjectsCollaboration1795500200000 implements MigrationInterface {
  name = 'BudgetProjectsCollaboration1795500200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_author_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        -- lower-cased; the invitee accepts from an account with this verified address
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        locale text NOT NULL DEFAULT 'pl' CHECK (locale IN ('pl', 'en')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
        invited_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        responded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_author_invitations_pending_key ON budget_author_invitations (project_id, email) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX budget_author_invitations_email_idx ON budget_author_invitations (email) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE budget_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        -- document: public with the project; support_list: a scanned list of signatures, authors and officials only
        kind text NOT NULL CHECK (kind IN ('document', 'support_list')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX budget_attachments_project_idx ON budget_attachments (project_id, created_at)`);

    await q.query(`
      CREATE TABLE budget_support_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        attachment_id uuid NOT NULL UNIQUE REFERENCES budget_attachments(id) ON DELETE RESTRICT,
        -- the valid signatures on the scanned list, counted and typed by an official
        signatures integer NOT NULL CHECK (signatures BETWEEN 0 AND 1000000),
        entered_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE budget_projects ADD COLUMN paper_signatures integer NOT NULL DEFAULT 0 CHECK (paper_signatures >= 0)`);

    await q.query(`
      CREATE TABLE budget_cost_proposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        -- [{ description, amount }] proposed by the official; total = their sum (grosze)
        items jsonb NOT NULL,
        total bigint NOT NULL CHECK (total > 0),
        previous_total bigint NOT NULL,
        justification text NOT NULL CHECK (length(btrim(justification)) BETWEEN 1 AND 10000),
        proposed_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused')),
        responded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        response text,
        created_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX budget_cost_proposals_pending_key ON budget_cost_proposals (project_id) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE budget_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        -- the project that continues; the others become 'merged' into it
        target_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        source_ids uuid[] NOT NULL CHECK (cardinality(source_ids) >= 1),
        -- the merged project's new content (null: the target's stays)
        title text,
        summary text,
        description text,
        items jsonb,
        justification text NOT NULL CHECK (length(btrim(justification)) BETWEEN 1 AND 10000),
        proposed_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE budget_merge_consents (
        merge_id uuid NOT NULL REFERENCES budget_merges(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        -- the project's main author, for the project
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        consent boolean NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (merge_id, project_id)
      )`);
    await q.query(`ALTER TABLE budget_projects ADD COLUMN merged_into uuid REFERENCES budget_projects(id) ON DELETE RESTRICT`);

    await q.query(`
      CREATE TABLE budget_exclusion_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        pool_id uuid NOT NULL REFERENCES budget_pools(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE budget_exclusion_members (
        group_id uuid NOT NULL REFERENCES budget_exclusion_groups(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, project_id)
      )`);
    await q.query(`CREATE INDEX budget_exclusion_members_project_idx ON budget_exclusion_members (project_id)`);

    await q.query(`
      CREATE TABLE budget_ballot_lists (
        edition_id uuid NOT NULL REFERENCES budget_editions(id) ON DELETE CASCADE,
        pool_id uuid NOT NULL REFERENCES budget_pools(id) ON DELETE CASCADE,
        ordering text NOT NULL CHECK (ordering IN ('alphabetical', 'lottery')),
        -- lottery: the random seed; the order is by sha256(seed || ':' || project number), published with the list
        seed text,
        project_ids uuid[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (edition_id, pool_id)
      )`);
    await q.query(`ALTER TABLE budget_projects ADD COLUMN ballot_position integer CHECK (ballot_position >= 1)`);

    // The history becomes a hash chain per project: each entry's hash covers the previous one, so a changed or
    // removed entry shows (in addition to the trigger that refuses updates and deletes).
    await q.query(`ALTER TABLE budget_project_history ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    await q.query(`
      CREATE FUNCTION budget_history_entry_hash(prev text, h budget_project_history) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|', coalesce(prev, ''), h.project_id::text, extract(epoch FROM h.at)::text,
               coalesce(h.actor_id::text, ''), h.action, coalesce(h.from_status, ''), coalesce(h.to_status, ''),
               coalesce(h.reason, ''), h.details::text), 'UTF8')), 'hex')
      $$`);
    await q.query(`
      CREATE FUNCTION budget_history_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE prev text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('budget_project_history:' || NEW.project_id::text, 0));
        SELECT hash INTO prev FROM budget_project_history WHERE project_id = NEW.project_id ORDER BY id DESC LIMIT 1;
        NEW.prev_hash := prev;
        NEW.hash := budget_history_entry_hash(prev, NEW);
        RETURN NEW;
      END $$`);
    await q.query(`ALTER TABLE budget_project_history DISABLE TRIGGER budget_history_no_change`);
    await q.query(`
      DO $$
      DECLARE r budget_project_history; prev text; last_project uuid;
      BEGIN
        FOR r IN SELECT * FROM budget_project_history ORDER BY project_id, id LOOP
          IF last_project IS DISTINCT FROM r.project_id THEN prev := NULL; last_project := r.project_id; END IF;
          UPDATE budget_project_history SET prev_hash = prev, hash = budget_history_entry_hash(prev, r) WHERE id = r.id;
          prev := budget_history_entry_hash(prev, r);
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE budget_project_history ENABLE TRIGGER budget_history_no_change`);
    await q.query(`
      CREATE TRIGGER budget_history_chain BEFORE INSERT ON budget_project_history
      FOR EACH ROW EXECUTE FUNCTION budget_history_chain()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER budget_history_chain ON budget_project_history`);
    await q.query(`DROP FUNCTION budget_history_chain()`);
    await q.query(`DROP FUNCTION budget_history_entry_hash(text, budget_project_history)`);
    await q.query(`ALTER TABLE budget_project_history DROP COLUMN prev_hash, DROP COLUMN hash`);
    await q.query(`ALTER TABLE budget_projects DROP COLUMN ballot_position, DROP COLUMN merged_into, DROP COLUMN paper_signatures`);
    await q.query(`DROP TABLE budget_ballot_lists`);
    await q.query(`DROP TABLE budget_exclusion_members`);
    await q.query(`DROP TABLE budget_exclusion_groups`);
    await q.query(`DROP TABLE budget_merge_consents`);
    await q.query(`DROP TABLE budget_merges`);
    await q.query(`DROP TABLE budget_cost_proposals`);
    await q.query(`DROP TABLE budget_support_lists`);
    await q.query(`DROP TABLE budget_attachments`);
    await q.query(`DROP TABLE budget_author_invitations`);
  }
}
