import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The implementation of selected budget projects (DESIGN §4.3: selected → implementing → implemented): progress
 * updates posted by officials (status, percentage, a dated note, the reason of an abandonment) and their photos.
 * Updates are append-only like the projects' history (a trigger refuses UPDATE and DELETE); a project's current state
 * is its latest update (`seq`), none meaning "planned". At most one final update (implemented or abandoned) per project.
 */
export class BudgetImplementation1796070000000 implements MigrationInterface {
  name = 'BudgetImplementation1796070000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_implementation_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE RESTRICT,
        -- 1, 2, … per project, in the order posted: the latest is the project's state
        seq integer NOT NULL CHECK (seq >= 1),
        status text NOT NULL CHECK (status IN ('implementing', 'implemented', 'abandoned')),
        percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
        -- plain text, public
        note text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 5000),
        -- why the city gave the project up: required exactly when abandoned
        reason text CHECK (reason IS NULL OR length(btrim(reason)) BETWEEN 1 AND 5000),
        -- the day the update describes (not in the future, checked by the service)
        happened_on date NOT NULL,
        author_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, seq),
        CHECK ((status = 'abandoned') = (reason IS NOT NULL)),
        CHECK (status <> 'implemented' OR percent = 100)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX budget_implementation_updates_final_key ON budget_implementation_updates (project_id) WHERE status IN ('implemented', 'abandoned')`,
    );
    await q.query(`
      CREATE FUNCTION budget_implementation_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    await q.query(`
      CREATE TRIGGER budget_implementation_updates_no_change BEFORE UPDATE OR DELETE ON budget_implementation_updates
      FOR EACH ROW EXECUTE FUNCTION budget_implementation_append_only()`);

    // Photos are stored like project attachments (bytea, checked by content); no route removes one, but an operator
    // can (a photo may show a person who asks for it to be taken down).
    await q.query(`
      CREATE TABLE budget_implementation_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        update_id uuid NOT NULL REFERENCES budget_implementation_updates(id) ON DELETE RESTRICT,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX budget_implementation_photos_update_idx ON budget_implementation_photos (update_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budget_implementation_photos`);
    await q.query(`DROP TABLE budget_implementation_updates`);
    await q.query(`DROP FUNCTION budget_implementation_append_only()`);
  }
}
