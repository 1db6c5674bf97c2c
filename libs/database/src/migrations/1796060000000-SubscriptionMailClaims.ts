import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * subscription_mails: a mail is claimed by one job before it is sent (`sending_job`, `lease_until`), like a
 * notification delivery, so two jobs for one mail never both send it; `interrupted` counts sends cut off (a worker
 * killed between the send and recording it), whose repeat carries the same Message-ID and the same link.
 */
export class SubscriptionMailClaims1796060000000 implements MigrationInterface {
  name = 'SubscriptionMailClaims1796060000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE subscription_mails
        ADD COLUMN sending_job text,
        ADD COLUMN lease_until timestamptz,
        ADD COLUMN interrupted integer NOT NULL DEFAULT 0 CHECK (interrupted >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subscription_mails DROP COLUMN interrupted, DROP COLUMN lease_until, DROP COLUMN sending_job`);
  }
}
