import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccountDeletionRepository } from './account-deletion.repository';
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

export const DELETED_DISPLAY_NAME = 'Konto usunięte';

/** A decision's note as recorded: trimmed, none when empty. */
const noteOf = (note: string | null): string | null => note?.trim() || null;

/**
 * A resident asks for their account to be deleted; an administrator carries it out or declines it. Carrying it out
 * anonymises the account (address, name and password replaced, roles and sessions ended, every domain's erasable data
 * removed): projects, comments and applications the city must keep stay, without the person's name.
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    private readonly ds: DataSource,
    private readonly requests: AccountDeletionRepository,
    private readonly roles: UserRoleRepository,
    private readonly registry: PersonalDataRegistry,
  ) {}

  /** The account's latest request (pending or decided), or null. */
  latest(userId: string): Promise<DeletionRequest | null> {
    return this.requests.latest(userId);
  }

  history(userId: string, m: EntityManager = this.ds.manager): Promise<DeletionRequest[]> {
    return this.requests.history(m, userId);
  }

  /** Records a request; a second one while one is pending is a 409 (`deletion_pending`). */
  async request(userId: string, reason: string | null): Promise<DeletionRequest> {
    try {
      return await this.requests.insert(userId, reason?.trim() || null);
    } catch (err) {
      if ((err as { driverError?: { code?: string } }).driverError?.code === '23505') throw UsersError.deletionPending();
      throw err;
    }
  }

  /** Withdraws the pending request (404 `no_deletion_request` when there is none). */
  async withdraw(userId: string): Promise<void> {
    if (!(await this.requests.withdrawPending(userId))) throw UsersError.noDeletionRequest();
  }

  /** Pending requests, oldest first (administrators). */
  pending(): Promise<PendingDeletion[]> {
    return this.requests.pending();
  }

  /** Carries a pending request out (anonymises the account). Refused for the last administrator. */
  async complete(requestId: string, adminId: string, note: string | null): Promise<DeletionRequest> {
    return this.ds.transaction(async (m) => {
      await this.roles.lockAssignments(m);
      const req = await this.lockPending(m, requestId);
      await this.requests.eraseAccount(m, req.userId, DELETED_DISPLAY_NAME);
      if ((await this.roles.countActiveAdmins(m)) === 0) throw UsersError.lastAdmin();
      for (const part of this.registry.all()) await part.erase?.(req.userId, m);
      return this.requests.decide(m, requestId, 'completed', adminId, noteOf(note));
    });
  }

  async decline(requestId: string, adminId: string, note: string): Promise<DeletionRequest> {
    return this.ds.transaction(async (m) => {
      await this.lockPending(m, requestId);
      return this.requests.decide(m, requestId, 'declined', adminId, noteOf(note));
    });
  }

  private async lockPending(m: EntityManager, requestId: string): Promise<DeletionRequest> {
    const req = await this.requests.lockById(m, requestId);
    if (!req) throw UsersError.noDeletionRequest();
    if (req.status !== 'pending') throw UsersError.deletionDecided();
    return req;
  }
}

export { UsersErrorCode };
