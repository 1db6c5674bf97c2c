import { MigrationInterface, QueryRunner } from 'typeorm';

/** A local initiative's final report takes photos of what was done: attachments of the kind `report_photo`. */
export class InitiativeReportPhotos1796096000000 implements MigrationInterface {
  name = 'InitiativeReportPhotos1796096000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE initiative_attachments DROP CONSTRAINT initiative_attachments_kind_check`);
    await q.query(`ALTER TABLE initiative_attachments ADD CONSTRAINT initiative_attachments_kind_check
                     CHECK (kind IN ('authorisation', 'owner_consent', 'support_list', 'other', 'report_photo'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM initiative_attachments WHERE kind = 'report_photo'`);
    await q.query(`ALTER TABLE initiative_attachments DROP CONSTRAINT initiative_attachments_kind_check`);
    await q.query(`ALTER TABLE initiative_attachments ADD CONSTRAINT initiative_attachments_kind_check
                     CHECK (kind IN ('authorisation', 'owner_consent', 'support_list', 'other'))`);
  }
}
