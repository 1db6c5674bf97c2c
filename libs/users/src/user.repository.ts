import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { queryOne, rowsOf } from '@civitas/database';
import { displayNameOf } from './display-name';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string;
  locale: Locale;
  verified: boolean;
}

/**
 * Named queries over `users`. Methods take an optional EntityManager: inside a transaction pass the transaction's
 * manager (the embedded database lends its one session to one transaction at a time).
 */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, m?: EntityManager): Promise<UserEntity | null> {
    return this.repo(m).findOne({ where: { id } });
  }

  findByEmail(email: string, m?: EntityManager): Promise<UserEntity | null> {
    return this.repo(m).findOne({ where: { email } });
  }

  /**
   * Accounts whose address or display name contains `q` (case-insensitive; every account when empty), optionally only
   * those holding `role`, by address, one page of them with the total.
   */
  async search(filter: { q: string; role: string | null; offset: number; limit: number }): Promise<{ users: UserEntity[]; total: number }> {
    const qb = this.repo().createQueryBuilder('u');
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(u.email ILIKE :like OR u.displayName ILIKE :like)', { like });
    }
    if (filter.role) qb.andWhere('EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = :role)', { role: filter.role });
    const [users, total] = await qb.orderBy('u.email', 'ASC').addOrderBy('u.id', 'ASC').skip(filter.offset).take(filter.limit).getManyAndCount();
    return { users, total };
  }

  /** The account row locked for the rest of the transaction (concurrent changes of it wait). */
  lockById(m: EntityManager, id: string): Promise<UserEntity | null> {
    return this.repo(m).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The account and its password hash, for a login. */
  async findCredentialsByEmail(email: string): Promise<{ user: UserEntity; passwordHash: string } | null> {
    const user = await this.repo().createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
    return user ? { user, passwordHash: user.passwordHash } : null;
  }

  async findPasswordHash(id: string): Promise<string | null> {
    const user = await this.repo().createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
    return user?.passwordHash ?? null;
  }

  /**
   * Inserts the account unless the address is taken; returns the new id, or null when an account with this address
   * exists. The display name is stored as plain text (every way an account is made passes here); one with nothing
   * left once cleaned is refused before anything is written. Under a concurrent insert of the same address the statement waits for the other transaction and then
   * does nothing, so it never fails with a unique violation.
   */
  async insertIfAbsent(m: EntityManager, u: NewUser): Promise<string | null> {
    const row = await queryOne<{ id: string }>(
      m,
      `INSERT INTO users (email, display_name, password_hash, locale, email_verified_at)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::boolean THEN now() END)
       ON CONFLICT (email) DO NOTHING
       RETURNING id`,
      [u.email, displayNameOf(u.displayName), u.passwordHash, u.locale, u.verified],
    );
    return row?.id ?? null;
  }

  /**
   * Sets a new password and ends every session (token_version + 1); optionally marks the address verified.
   * Returns the new token version.
   */
  async setPassword(m: EntityManager, id: string, passwordHash: string, opts: { markVerified?: boolean } = {}): Promise<number> {
    const rows = rowsOf<{ token_version: number }>(
      await m.query(
        `UPDATE users
            SET password_hash = $2,
                token_version = token_version + 1,
                email_verified_at = CASE WHEN $3::boolean THEN COALESCE(email_verified_at, now()) ELSE email_verified_at END,
                updated_at = now()
          WHERE id = $1
          RETURNING token_version`,
        [id, passwordHash, opts.markVerified ?? false],
      ),
    );
    return rows[0].token_version;
  }

  /** Replaces a hash made with outdated parameters; sessions stay valid. */
  async replacePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  }

  /** Ends every session of the account; returns the new token version. */
  async bumpTokenVersion(id: string, m?: EntityManager): Promise<number | null> {
    const rows = rowsOf<{ token_version: number }>(
      await (m ?? this.dataSource.manager).query(
        `UPDATE users SET token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING token_version`,
        [id],
      ),
    );
    return rows[0]?.token_version ?? null;
  }

  async markEmailVerified(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now() WHERE id = $1`, [id]);
  }
}
