import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ballot_code_mails: one row per ballot-code mail asked for (a ballot's first code or a resend), keyed by an HMAC of
 * the folded e-mail address (never the address), so that the mails to one mailbox can be counted across API
 * processes and editions (VOTING_CODES_PER_ADDRESS_PER_HOUR). Rows older than an hour are no longer read and are
 * deleted by the hourly erasure job.
 */
export class VotingCodeMails1796040000000 implements MigrationInterface {
  name = 'VotingCodeMails1796040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ballot_code_mails (
        id bigserial PRIMARY KEY,
        mailbox_key text NOT NULL CHECK (mailbox_key ~ '^[0-9a-f]{64}$'),
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ballot_code_mails_mailbox_idx ON ballot_code_mails (mailbox_key, sent_at)`);
    await q.query(`CREATE INDEX ballot_code_mails_sent_at_idx ON ballot_code_mails (sent_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ballot_code_mails`);
  }
}
