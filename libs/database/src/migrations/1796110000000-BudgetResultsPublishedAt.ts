import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edition records when its results were published (`budget_editions.results_published_at`), written by the
 * vote's publication in the same transaction as its `edition_results` row: the budget's pages read it from their
 * own table. Filled in from the results already published.
 */
export class BudgetResultsPublishedAt1796110000000 implements MigrationInterface {
  name = 'BudgetResultsPublishedAt1796110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE budget_editions ADD COLUMN results_published_at timestamptz NULL`);
    await q.query(`UPDATE budget_editions e SET results_published_at = r.published_at FROM edition_results r WHERE r.edition_id = e.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE budget_editions DROP COLUMN results_published_at`);
  }
}
