import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The moderation desk: a comment's reports can be dealt with by keeping it visible (`reports_reviewed_at`: reports
 * made before it are settled; a later report brings the comment back to the queue), and each moderation act records
 * when it happened (`moderated_at`, for the list of hidden comments). Pending comments are found by a partial index.
 */
export class CommentModerationDesk1796101500000 implements MigrationInterface {
  name = 'CommentModerationDesk1796101500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation_comments ADD COLUMN reports_reviewed_at timestamptz, ADD COLUMN moderated_at timestamptz`);
    await q.query(`CREATE INDEX consultation_comments_pending_idx ON consultation_comments (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX consultation_comment_reports_time_idx ON consultation_comment_reports (comment_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX consultation_comment_reports_time_idx`);
    await q.query(`DROP INDEX consultation_comments_pending_idx`);
    await q.query(`ALTER TABLE consultation_comments DROP COLUMN moderated_at, DROP COLUMN reports_reviewed_at`);
  }
}
