import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reviews of budget projects (a verdict and a justification per criterion) and the appeal deadline. */
export class BudgetReviews1795500100000 implements MigrationInterface {
  name = 'BudgetReviews1795500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_projects(id) ON DELETE RESTRICT,
        stage text NOT NULL CHECK (stage IN ('formal', 'merit', 'appeal')),
        outcome text NOT NULL CHECK (outcome IN ('positive', 'negative', 'correction')),
        reviewer_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        -- [{ criterion, met, justification }]
        criteria jsonb NOT NULL,
        justification text NOT NULL CHECK (length(btrim(justification)) BETWEEN 1 AND 10000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX budget_reviews_project_idx ON budget_reviews (project_id, created_at)`);
    await q.query(`ALTER TABLE budget_projects ADD COLUMN appeal_deadline timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE budget_projects DROP COLUMN appeal_deadline`);
    await q.query(`DROP TABLE budget_reviews`);
  }
}
