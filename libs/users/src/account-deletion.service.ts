import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@civitas/database';
import { PersonalDataRegistry } from './personal-data.registry';
import { UserRoleRepository } from './user-role.repository';
import { UsersError, UsersErrorCode } from './users.errors';

export type DeletionStatus = 'pending' | 'completed' | 'declined' | 'withdrawn';

export interface DeletionRequest {
  id: string;
  userId: string;
  reason: string | null;
  status: DeletionStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
}

/** A pending request as an administrator sees it: with the account's name and address. */
export interface PendingDeletion extends DeletionRequest {
  email: string;
  displayName: string;
}

interface Row {
  id: string;
  user_id: string;
  reason: string | null;
  status: DeletionStatus;
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  email?: string;
  display_name?: string;
}

const toRequest = (r: Row): DeletionRequest => ({
  id: r.id,
  userId: r.user_id,
  reason: r.reason,
  status: r.status,
  requestedAt: r.requested_at,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
});

export const DELETED_DISPLAY_NAME = 'Konto usunięte';

/**
 * A resident asks for their account to be deleted; an administrator carries it out or declines it. Carrying it out
 * anonymises the account (address, name and password replaced, roles and sessions ended, every domain's erasable data
 * removed): projects, comments and applications the city must keep stay, without the person's name.
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    private readonly ds: DataSource,
    private readonly roles: UserRoleRepository,
    private readonly registry: PersonalDataRegistry,
  ) {}

  /** The account's latest request (pending or decided), or null. */
  async latest(userId: string): Promise<DeletionRequest | null> {
    const rows = rowsOf<Row>(await this.ds.query(`SELECT * FROM account_deletion_requests WHERE user_id = $1 ORDER BY requested_at DESC LIMIT 1`, [userId]));
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async history(userId: string, m: EntityManager = this.ds.manager): Promise<DeletionRequest[]> {
    return rowsOf<Row>(await m.query(`SELECT * FROM account_deletion_requests WHERE user_id = $1 ORDER BY requested_at`, [userId])).map(toRequest);
  }

  /** Records a request; a second one while one is pending is a 409 (`deletion_pending`). */
  async request(userId: string, reason: string | null): Promise<DeletionRequest> {
    try {
      const rows = rowsOf<Row>(
        await this.ds.query(`INSERT INTO account_deletion_requests (user_id, reason) VALUES ($1, $2) RETURNING *`, [userId, reason?.trim() || null]),
      );
      return toRequest(rows[0]);
    } catch (err) {
      if ((err as { driverError?: { code?: string } }).driverError?.code === '23505') throw UsersError.deletionPending();
      throw err;
    }
  }

  /** Withdraws the pending request (404 `no_deletion_request` when there is none). */
  async withdraw(userId: string): Promise<void> {
    const rows = rowsOf<Row>(
      await this.ds.query(
        `UPDATE account_deletion_requests SET status = 'withdrawn', decided_at = now() WHERE user_id = $1 AND status = 'pending' RETURNING id`,
        [userId],
      ),
    );
    if (rows.length === 0) throw UsersError.noDeletionRequest();
  }

  /** Pending requests, oldest first (administrators). */
  async pending(): Promise<PendingDeletion[]> {
    const rows = rowsOf<Row>(
      await this.ds.query(
        `SELECT r.*, u.email, u.display_name FROM account_deletion_requests r JOIN users u ON u.id = r.user_id
          WHERE r.status = 'pending' ORDER BY r.requested_at LIMIT 500`,
      ),
    );
    return rows.map((r) => ({ ...toRequest(r), email: r.email!, displayName: r.display_name! }));
  }

  /** Carries a pending request out (anonymises the account). Refused for the last administrator. */
  async complete(requestId: string, adminId: string, note: string | null): Promise<DeletionRequest> {
    return this.ds.transaction(async (m) => {
      await this.roles.lockAssignments(m);
      const req = await this.lockPending(m, requestId);
      await m.query(
        `UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', display_name = $2, password_hash = '!', disabled_at = coalesce(disabled_at, now()),
                          token_version = token_version + 1, updated_at = now() WHERE id = $1`,
        [req.user_id, DELETED_DISPLAY_NAME],
      );
      await m.query(`DELETE FROM user_roles WHERE user_id = $1`, [req.user_id]);
      await m.query(`DELETE FROM auth_tokens WHERE user_id = $1`, [req.user_id]);
      if ((await this.roles.countActiveAdmins(m)) === 0) throw UsersError.lastAdmin();
      for (const part of this.registry.all()) await part.erase?.(req.user_id, m);
      return this.decide(m, requestId, 'completed', adminId, note);
    });
  }

  async decline(requestId: string, adminId: string, note: string): Promise<DeletionRequest> {
    return this.ds.transaction(async (m) => {
      await this.lockPending(m, requestId);
      return this.decide(m, requestId, 'declined', adminId, note);
    });
  }

  private async lockPending(m: EntityManager, requestId: string): Promise<Row> {
    const [req] = rowsOf<Row>(await m.query(`SELECT * FROM account_deletion_requests WHERE id = $1 FOR UPDATE`, [requestId]));
    if (!req) throw UsersError.noDeletionRequest();
    if (req.status !== 'pending') throw UsersError.deletionDecided();
    return req;
  }

  private async decide(m: EntityManager, id: string, status: DeletionStatus, adminId: string, note: string | null): Promise<DeletionRequest> {
    const rows = rowsOf<Row>(
      await m.query(`UPDATE account_deletion_requests SET status = $2, decided_at = now(), decided_by = $3, decision_note = $4 WHERE id = $1 RETURNING *`, [
        id,
        status,
        adminId,
        note?.trim() || null,
      ]),
    );
    return toRequest(rows[0]);
  }
}

export { UsersErrorCode };
