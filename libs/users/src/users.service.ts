import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { plainText, type Locale } from '@civitas/common';
import { PG_FOREIGN_KEY_VIOLATION, sqlState } from '@civitas/database';
import { displayNameOf } from './display-name';
import { isValidEmail, normaliseEmail } from './email';
import { PasswordHasher } from './password-hasher';
import { checkPassword, PASSWORD_PROBLEM_TEXT } from './password-policy';
import { AREA_SCOPED_ROLES, AssignableRole, RoleGrant } from './roles';
import { UserRoleRepository } from './user-role.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';
import { UsersError, UsersErrorCode } from './users.errors';

/** An account with the roles granted to it. */
export interface Account {
  user: UserEntity;
  grants: RoleGrant[];
}

/** One entry of a role assignment: the role over every area (no areaIds) or limited to the listed areas. */
export interface RoleAssignment {
  role: AssignableRole;
  areaIds?: string[] | null;
}

export type AdminOutcome = 'created' | 'promoted' | 'already_admin';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly roles: UserRoleRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async findAccount(id: string): Promise<Account | null> {
    const user = await this.users.findById(id);
    if (!user) return null;
    return { user, grants: await this.roles.grantsOf(id) };
  }

  async getAccount(id: string): Promise<Account> {
    const account = await this.findAccount(id);
    if (!account) throw UsersError.userNotFound();
    return account;
  }

  /**
   * Accounts for the administration: by address or name (a part of either, case-insensitive), optionally only those
   * holding a role; one page (1-based) of `pageSize`, with the total.
   */
  async search(filter: { q?: string; role?: AssignableRole | null; page?: number; pageSize?: number }): Promise<{ accounts: Account[]; total: number }> {
    const pageSize = Math.min(Math.max(filter.pageSize ?? 25, 1), 100);
    const page = Math.max(filter.page ?? 1, 1);
    const { users, total } = await this.users.search({
      q: plainText(filter.q ?? '').slice(0, 200),
      role: filter.role ?? null,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const grants = await this.roles.grantsOfMany(users.map((u) => u.id));
    return { accounts: users.map((user) => ({ user, grants: grants.get(user.id) ?? [] })), total };
  }

  /** Throws a field error (422) when the password breaks the policy for this address. */
  assertPasswordAllowed(password: string, email: string, field = 'password'): void {
    const problems = checkPassword(password, email);
    if (problems.length > 0) {
      throw UsersError.invalid(
        UsersErrorCode.InvalidPassword,
        problems.map((code) => ({ field, code, text: PASSWORD_PROBLEM_TEXT[code] })),
      );
    }
  }

  /**
   * Replaces every role of the account in one transaction. Refuses (409) to leave the platform without an enabled,
   * unrestricted administrator.
   */
  async replaceRoles(userId: string, assignments: readonly RoleAssignment[]): Promise<Account> {
    const grants = this.toGrants(assignments);
    const areaIds = [...new Set(grants.map((g) => g.areaId).filter((a): a is string => a !== null))];
    try {
      return await this.dataSource.transaction(async (m) => {
        await this.roles.lockAssignments(m);
        const user = await this.users.lockById(m, userId);
        if (!user) throw UsersError.userNotFound();
        const existing = await this.roles.existingAreaIds(m, areaIds);
        const unknown = assignments.flatMap((a, i) => ((a.areaIds ?? []).some((id) => !existing.has(id)) ? [i] : []));
        if (unknown.length > 0) throw this.unknownAreas(unknown);
        await this.roles.replace(m, userId, grants);
        if ((await this.roles.countActiveAdmins(m)) === 0) throw UsersError.lastAdmin();
        return { user, grants: await this.roles.grantsOf(userId, m) };
      });
    } catch (err) {
      // An area deleted between the check and the insert.
      if (sqlState(err) === PG_FOREIGN_KEY_VIOLATION) throw this.unknownAreas(assignments.map((_, i) => i));
      throw err;
    }
  }

  /**
   * The first administrator (command line): creates a verified account with the admin role, or grants the admin role
   * to the existing account of this address without touching its password.
   */
  async createOrPromoteAdmin(input: { email: string; password: string; displayName: string }): Promise<{
    outcome: AdminOutcome;
    user: UserEntity;
  }> {
    const email = normaliseEmail(input.email);
    if (!isValidEmail(email)) {
      throw UsersError.invalid(UsersErrorCode.InvalidEmail, [
        { field: 'email', code: UsersErrorCode.InvalidEmail, text: { pl: 'Nieprawidłowy adres e-mail.', en: 'Invalid e-mail address.' } },
      ]);
    }
    this.assertPasswordAllowed(input.password, email);
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (m) => {
      const newId = await this.users.insertIfAbsent(m, {
        email,
        displayName: plainText(input.displayName) || 'Administrator',
        passwordHash,
        locale: 'pl',
        verified: true,
      });
      const user = (await this.users.findByEmail(email, m))!;
      const granted = await this.roles.grant(m, user.id, 'admin', null);
      return { outcome: newId ? 'created' : granted ? 'promoted' : 'already_admin', user };
    });
  }

  /**
   * The first-run set-up: creates the first administrator (verified, like create-admin) while the platform has none.
   * Serialised with every role change, so two set-ups at once make one administrator and the other gets 409
   * `already_set_up`. An address that already has an account is refused (that account's owner is not asked).
   * `alsoInTransaction` runs in the same transaction (the set-up page records the city's name with it).
   */
  async setUpFirstAdmin(
    input: { email: string; password: string; displayName: string; locale: Locale },
    alsoInTransaction?: (m: EntityManager) => Promise<void>,
  ): Promise<UserEntity> {
    const email = normaliseEmail(input.email);
    const displayName = displayNameOf(input.displayName);
    this.assertPasswordAllowed(input.password, email);
    if (await this.roles.hasActiveAdmin()) throw UsersError.alreadySetUp();
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (m) => {
      await this.roles.lockAssignments(m);
      if ((await this.roles.countActiveAdmins(m)) > 0) throw UsersError.alreadySetUp();
      const newId = await this.users.insertIfAbsent(m, {
        email,
        displayName,
        passwordHash,
        locale: input.locale,
        verified: true,
      });
      if (!newId) throw UsersError.emailTaken();
      await this.roles.grant(m, newId, 'admin', null);
      await alsoInTransaction?.(m);
      return (await this.users.findById(newId, m))!;
    });
  }

  private toGrants(assignments: readonly RoleAssignment[]): RoleGrant[] {
    const fields: Array<{ field: string; code: string; text: { pl: string; en: string } }> = [];
    const seen = new Set<AssignableRole>();
    assignments.forEach((a, i) => {
      if (seen.has(a.role)) {
        fields.push({
          field: `roles.${i}.role`,
          code: UsersErrorCode.DuplicateRole,
          text: { pl: 'Każda rola może wystąpić na liście tylko raz.', en: 'Each role may appear in the list only once.' },
        });
      }
      seen.add(a.role);
      if (a.areaIds && !AREA_SCOPED_ROLES.includes(a.role)) {
        fields.push({
          field: `roles.${i}.areaIds`,
          code: UsersErrorCode.RoleNotScopable,
          text: {
            pl: 'Tej roli nie można ograniczyć do obszarów.',
            en: 'This role cannot be limited to areas.',
          },
        });
      }
    });
    if (fields.length > 0) throw UsersError.invalid(fields[0].code as UsersErrorCode, fields);
    return assignments.flatMap((a): RoleGrant[] =>
      a.areaIds ? [...new Set(a.areaIds)].map((areaId) => ({ role: a.role, areaId })) : [{ role: a.role, areaId: null }],
    );
  }

  private unknownAreas(indexes: number[]): UsersError {
    return UsersError.invalid(
      UsersErrorCode.UnknownArea,
      indexes.map((i) => ({
        field: `roles.${i}.areaIds`,
        code: UsersErrorCode.UnknownArea,
        text: { pl: 'Lista zawiera nieistniejący obszar.', en: 'The list contains an area that does not exist.' },
      })),
    );
  }
}
