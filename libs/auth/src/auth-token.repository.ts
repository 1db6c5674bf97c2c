import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@civitas/common';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import { TOKEN_LIFETIME_MS, TokenPurpose } from './token';

/** A request about to be mailed, with what the mail needs to know about its recipient. */
export interface PendingMail {
  id: string;
  purpose: TokenPurpose;
  sent: boolean;
  /** Used, expired, or superseded by a newer request: nothing worth sending. */
  stale: boolean;
  email: string;
  displayName: string;
  locale: Locale;
}

export type TokenState = 'unknown' | 'used' | 'expired';

interface PendingMailRow {
  id: string;
  purpose: TokenPurpose;
  sent: boolean;
  stale: boolean;
  email: string;
  display_name: string;
  locale: Locale;
}

/** Named queries over `auth_tokens`. Times are compared with the database clock (now()). */
@Injectable()
export class AuthTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a request to mail a link (or notice); returns its request id, which the outbox job carries. */
  async create(m: EntityManager, userId: string, purpose: TokenPurpose): Promise<string> {
    const [row] = await queryRows<{ request_id: string }>(
      m,
      `INSERT INTO auth_tokens (user_id, purpose, request_id, expires_at)
       VALUES ($1, $2, gen_random_uuid(), now() + ($3::bigint * interval '1 millisecond'))
       RETURNING request_id`,
      [userId, purpose, TOKEN_LIFETIME_MS[purpose]],
    );
    return row.request_id;
  }

  /** Ends every unused password-reset request of the account (a newer request or a completed reset supersedes them). */
  async expireUnusedResets(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE auth_tokens SET expires_at = now()
        WHERE user_id = $1 AND purpose = 'reset_password' AND used_at IS NULL AND expires_at > now()`,
      [userId],
    );
  }

  async findPendingMail(requestId: string): Promise<PendingMail | null> {
    const r = await queryOne<PendingMailRow>(
      this.dataSource,
      `SELECT t.id, t.purpose, t.sent_at IS NOT NULL AS sent,
              (t.used_at IS NOT NULL OR t.expires_at <= now()) AS stale,
              u.email, u.display_name, u.locale
         FROM auth_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.request_id = $1`,
      [requestId],
    );
    return r ? { id: r.id, purpose: r.purpose, sent: r.sent, stale: r.stale, email: r.email, displayName: r.display_name, locale: r.locale } : null;
  }

  /** Stores the hash of a new token (replacing the hash of an earlier, failed attempt) unless the mail went out. */
  async setHash(id: string, tokenHash: string | null): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(`UPDATE auth_tokens SET token_hash = $2 WHERE id = $1 AND sent_at IS NULL RETURNING id`, [id, tokenHash]),
    );
    return rows.length > 0;
  }

  async markSent(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE auth_tokens SET sent_at = now() WHERE id = $1 AND sent_at IS NULL`, [id]);
  }

  /**
   * Uses a token once: marks it used if it is valid and returns its account, or null when it is unknown, used or
   * expired. Atomic, so two concurrent uses of one token cannot both succeed.
   */
  async consume(m: EntityManager, tokenHash: string, purpose: TokenPurpose): Promise<string | null> {
    const rows = rowsOf<{ user_id: string }>(
      await m.query(
        `UPDATE auth_tokens SET used_at = now()
          WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id`,
        [tokenHash, purpose],
      ),
    );
    return rows[0]?.user_id ?? null;
  }

  /** The account of a valid (unused, unexpired) token, without using it. */
  async findValid(tokenHash: string, purpose: TokenPurpose): Promise<{ userId: string; email: string } | null> {
    const rows = await queryRows<{ user_id: string; email: string }>(
      this.dataSource,
      `SELECT t.user_id, u.email FROM auth_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > now()`,
      [tokenHash, purpose],
    );
    return rows[0] ? { userId: rows[0].user_id, email: rows[0].email } : null;
  }

  /** Why a token cannot be used. */
  async stateOf(tokenHash: string, purpose: TokenPurpose, m?: EntityManager): Promise<TokenState> {
    const rows = await queryRows<{ used: boolean }>(
      m ?? this.dataSource.manager,
      `SELECT used_at IS NOT NULL AS used FROM auth_tokens WHERE token_hash = $1 AND purpose = $2`,
      [tokenHash, purpose],
    );
    if (rows.length === 0) return 'unknown';
    return rows[0].used ? 'used' : 'expired';
  }
}
