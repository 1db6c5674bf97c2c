import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountDeletionService } from './account-deletion.service';
import { PersonalDataRegistry } from './personal-data.registry';
import { roleNames } from './roles';
import { UserRoleRepository } from './user-role.repository';
import { UserRepository } from './user.repository';
import { UsersError } from './users.errors';
import { Clock } from '@civitas/config';

/**
 * "Download my data" (GDPR art. 15 and 20): the account, its roles and deletion requests, and every domain's part
 * (projects, comments, applications, subscription…), read in one transaction so the parts agree. Never the password
 * hash or session data.
 */
@Injectable()
export class AccountDataService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly roles: UserRoleRepository,
    private readonly deletions: AccountDeletionService,
    private readonly registry: PersonalDataRegistry,
    private readonly clock: Clock,
  ) {}

  async export(userId: string): Promise<Record<string, unknown>> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const user = await this.users.findById(userId, m);
      if (!user) throw UsersError.userNotFound();
      const grants = await this.roles.grantsOf(userId, m);
      const out: Record<string, unknown> = {
        exportedAt: this.clock.now().toISOString(),
        account: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          locale: user.locale,
          emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
          createdAt: user.createdAt.toISOString(),
          roles: roleNames(grants),
          grants,
        },
        deletionRequests: await this.deletions.history(userId, m),
      };
      for (const part of this.registry.all()) out[part.name] = await part.collect(userId, m);
      return out;
    });
  }
}
