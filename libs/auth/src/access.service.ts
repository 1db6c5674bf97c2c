import { Injectable } from '@nestjs/common';
import { areaTree } from '@civitas/database';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@civitas/users';
import { coversRole, needsLineage } from './access-rule';
import { AuthError } from './auth.errors';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * Authorization for domain modules: whether an account may act in a role, optionally for one area.
 * `areaId` undefined = the role in any scope; null = an unrestricted grant is needed; an id = a grant over that area
 * or one of its ancestors (a grant over a district covers its neighbourhoods). The admin role includes every role.
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  /** Inside a transaction pass its EntityManager. */
  async hasRole(user: AuthenticatedUser, role: Role, areaId?: string | null, manager?: EntityManager): Promise<boolean> {
    if (areaId === undefined || areaId === null || !needsLineage(user.grants, role)) {
      return coversRole(user.grants, role, areaId === undefined || areaId === null ? areaId : [areaId]);
    }
    return coversRole(user.grants, role, await this.lineage(areaId, manager));
  }

  /** Like hasRole, but throws a 403 problem (code `forbidden`) when the answer is no. */
  async assertRole(user: AuthenticatedUser, role: Role, areaId?: string | null, manager?: EntityManager): Promise<void> {
    if (!(await this.hasRole(user, role, areaId, manager))) throw AuthError.forbidden();
  }

  /** The area's id followed by the ids of its ancestors (empty when there is no such area). */
  async lineage(areaId: string, manager?: EntityManager): Promise<string[]> {
    return areaTree.lineage(manager ?? this.dataSource.manager, areaId);
  }
}
