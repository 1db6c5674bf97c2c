import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * auth_tokens may also record an "account exists" notice: the mail sent to the owner of an address someone tried to
 * register again (it carries no token).
 */
export class AccountExistsTokens1795379602813 implements MigrationInterface {
  name = 'AccountExistsTokens1795379602813';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auth_tokens DROP CONSTRAINT auth_tokens_purpose_check`);
    await q.query(
      `ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check
         CHECK (purpose IN ('verify_email', 'reset_password', 'account_exists'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM auth_tokens WHERE purpose = 'account_exists'`);
    await q.query(`ALTER TABLE auth_tokens DROP CONSTRAINT auth_tokens_purpose_check`);
    await q.query(`ALTER TABLE auth_tokens ADD CONSTRAINT auth_tokens_purpose_check CHECK (purpose IN ('verify_email', 'reset_password'))`);
  }
}
