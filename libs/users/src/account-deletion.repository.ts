import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '@civitas/database';
import type { DeletionRequest, DeletionStatus, PendingDeletion } from './account-deletion.service';

interface RequestRow {
  id: string;
  user_id: string;
  reason: string | null;
  status: DeletionStatus;
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
}

interface PendingRow extends RequestRow {
  email: string;
  display_name: string;
}

const requestOf = (r: RequestRow): DeletionRequest => ({
  id: r.id,
  userId: r.user_id,
  reason: r.reason,
  status: r.status,
  requestedAt: r.requested_at,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
});

/**
 * Named statements over `account_deletion_requests`, and the erasure of the account itself when a request is carried
 * out. Methods that take an EntityManager run in the caller's transaction.
 */
@Injectable()
export class AccountDeletionRepository {
  constructor(private readonly ds: DataSource) {}

  /** The account's latest request (pending or decided), or null. */
  async latest(userId: string): Promise<DeletionRequest | null> {
    const row = await queryOne<RequestRow>(this.ds, `SELECT * FROM account_deletion_requests WHERE user_id = $1 ORDER BY requested_at DESC LIMIT 1`, [userId]);
    return row ? requestOf(row) : null;
  }

  /** The account's requests, oldest first. */
  async history(m: EntityManager, userId: string): Promise<DeletionRequest[]> {
    return (await queryRows<RequestRow>(m, `SELECT * FROM account_deletion_requests WHERE user_id = $1 ORDER BY requested_at`, [userId])).map(requestOf);
  }

  /** Records a pending request; a second pending one of the account is a unique violation. */
  async insert(userId: string, reason: string | null): Promise<DeletionRequest> {
    const [row] = await queryRows<RequestRow>(this.ds, `INSERT INTO account_deletion_requests (user_id, reason) VALUES ($1, $2) RETURNING *`, [userId, reason]);
    return requestOf(row);
  }

  /** Withdraws the account's pending request; false when it has none. */
  async withdrawPending(userId: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      this.ds,
      `UPDATE account_deletion_requests SET status = 'withdrawn', decided_at = now() WHERE user_id = $1 AND status = 'pending' RETURNING id`,
      [userId],
    );
    return rows.length > 0;
  }

  /** Pending requests with the account's name and address, oldest first (at most 500). */
  async pending(): Promise<PendingDeletion[]> {
    const rows = await queryRows<PendingRow>(
      this.ds,
      `SELECT r.*, u.email, u.display_name FROM account_deletion_requests r JOIN users u ON u.id = r.user_id
          WHERE r.status = 'pending' ORDER BY r.requested_at LIMIT 500`,
    );
    return rows.map((r) => ({ ...requestOf(r), email: r.email, displayName: r.display_name }));
  }

  /** The request locked for the rest of the transaction, or null when there is none. */
  async lockById(m: EntityManager, id: string): Promise<DeletionRequest | null> {
    const row = await queryOne<RequestRow>(m, `SELECT * FROM account_deletion_requests WHERE id = $1 FOR UPDATE`, [id]);
    return row ? requestOf(row) : null;
  }

  /** Records the decision on a request. */
  async decide(m: EntityManager, id: string, status: DeletionStatus, adminId: string, note: string | null): Promise<DeletionRequest> {
    const [row] = await queryRows<RequestRow>(
      m,
      `UPDATE account_deletion_requests SET status = $2, decided_at = now(), decided_by = $3, decision_note = $4 WHERE id = $1 RETURNING *`,
      [id, status, adminId, note],
    );
    return requestOf(row);
  }

  /**
   * The account's erasure, in the deletion's transaction: address, name and password replaced, the account disabled
   * and every session ended (token_version + 1), its roles removed, and its mailed links (auth_tokens) deleted. The
   * links are the identity core's table, but the core sits above this lib and a deleted account keeps none of them,
   * so the erasure removes them itself.
   */
  async eraseAccount(m: EntityManager, userId: string, displayName: string): Promise<void> {
    await m.query(
      `UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', display_name = $2, password_hash = '!', disabled_at = coalesce(disabled_at, now()),
                          token_version = token_version + 1, updated_at = now() WHERE id = $1`,
      [userId, displayName],
    );
    await m.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
    await m.query(`DELETE FROM auth_tokens WHERE user_id = $1`, [userId]);
  }
}
