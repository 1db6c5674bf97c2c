import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { queryRows } from '@civitas/database';
import { UserRoleEntity } from './user-role.entity';
import { AssignableRole, RoleGrant } from './roles';

/** Named queries over `user_roles`. */
@Injectable()
export class UserRoleRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(UserRoleEntity);
  }

  async grantsOf(userId: string, m?: EntityManager): Promise<RoleGrant[]> {
    const rows = await this.repo(m).find({ where: { userId }, order: { role: 'ASC', createdAt: 'ASC' } });
    return rows.map((r) => ({ role: r.role, areaId: r.areaId }));
  }

  /** The grants of several accounts at once (a page of a search), by account id. */
  async grantsOfMany(userIds: readonly string[]): Promise<Map<string, RoleGrant[]>> {
    const out = new Map<string, RoleGrant[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return out;
    const rows = await this.repo().find({ where: { userId: In([...userIds]) }, order: { role: 'ASC', createdAt: 'ASC' } });
    for (const r of rows) out.get(r.userId)?.push({ role: r.role, areaId: r.areaId });
    return out;
  }

  /**
   * Serialises every change of role assignments for the rest of the transaction, so that "at least one
   * administrator remains" holds under concurrent changes.
   */
  async lockAssignments(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('civitas:user_roles'))`);
  }

  async replace(m: EntityManager, userId: string, grants: readonly RoleGrant[]): Promise<void> {
    await m.query(`DELETE FROM user_roles WHERE user_id = $1`, [userId]);
    for (const g of grants) {
      await m.query(`INSERT INTO user_roles (user_id, role, area_id) VALUES ($1, $2, $3)`, [userId, g.role, g.areaId]);
    }
  }

  /** Grants a role unless the account already has it (same scope). Returns whether a row was added. */
  async grant(m: EntityManager, userId: string, role: AssignableRole, areaId: string | null): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(m, `INSERT INTO user_roles (user_id, role, area_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [
      userId,
      role,
      areaId,
    ]);
    return rows.length > 0;
  }

  /** Whether any enabled account holds the admin role over every area (the platform has been set up). */
  async hasActiveAdmin(m?: EntityManager): Promise<boolean> {
    return (await this.countActiveAdmins(m ?? this.dataSource.manager)) > 0;
  }

  /** Enabled accounts holding the admin role over every area. */
  async countActiveAdmins(m: EntityManager): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(
      m,
      `SELECT count(DISTINCT r.user_id)::int AS n
         FROM user_roles r JOIN users u ON u.id = r.user_id
        WHERE r.role = 'admin' AND r.area_id IS NULL AND u.disabled_at IS NULL`,
    );
    return n;
  }

  /** Which of the given ids name an existing area. */
  async existingAreaIds(m: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(m, `SELECT id FROM areas WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }
}
