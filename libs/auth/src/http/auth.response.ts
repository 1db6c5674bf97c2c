import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGNABLE_ROLES, ROLES, roleNames, type AssignableRole, type Role, type RoleGrant } from '@civitas/users';
import type { Account } from '@civitas/users';
import type { AuthenticatedUser } from '../authenticated-user';

/** The answer of register and password-reset: the same whether or not the address has an account. */
export class CheckEmailResponse {
  @ApiProperty({ enum: ['check_email'] })
  status = 'check_email' as const;
}

export class StatusResponse {
  @ApiProperty({ enum: ['email_verified', 'password_reset'] })
  status: 'email_verified' | 'password_reset';

  static of(status: StatusResponse['status']): StatusResponse {
    return Object.assign(new StatusResponse(), { status });
  }
}

export class SessionResponse {
  @ApiProperty({ description: 'The session token, for the Authorization: Bearer header (the same token is set as a cookie).' })
  accessToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires.' })
  expiresIn: number;

  static of(s: { accessToken: string; expiresIn: number }): SessionResponse {
    return Object.assign(new SessionResponse(), { accessToken: s.accessToken, tokenType: 'Bearer' as const, expiresIn: s.expiresIn });
  }
}

export class RoleGrantResponse {
  @ApiProperty({ enum: ASSIGNABLE_ROLES })
  role: AssignableRole;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null: over every area; otherwise these areas and their descendants.' })
  areaIds: string[] | null;

  /** Groups role rows per role: any unrestricted row makes the role unrestricted. */
  static fromGrants(grants: readonly RoleGrant[]): RoleGrantResponse[] {
    return ASSIGNABLE_ROLES.flatMap((role) => {
      const rows = grants.filter((g) => g.role === role);
      if (rows.length === 0) return [];
      const areaIds = rows.some((g) => g.areaId === null) ? null : rows.map((g) => g.areaId as string);
      return [Object.assign(new RoleGrantResponse(), { role, areaIds })];
    });
  }
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['pl', 'en'] }) locale: string;
  @ApiProperty({ enum: ROLES, isArray: true, description: "Every role held in some scope; always includes 'resident'." })
  roles: Role[];
  @ApiProperty({ type: [RoleGrantResponse] }) grants: RoleGrantResponse[];
  @ApiProperty() emailVerified: boolean;
  @ApiProperty() createdAt: string;

  static of(u: AuthenticatedUser): MeResponse {
    return Object.assign(new MeResponse(), {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      locale: u.locale,
      roles: u.roles,
      grants: RoleGrantResponse.fromGrants(u.grants),
      emailVerified: u.emailVerifiedAt !== null,
      createdAt: u.createdAt.toISOString(),
    });
  }
}

/** An account as an administrator sees it. */
export class UserResponse extends MeResponse {
  @ApiProperty() disabled: boolean;

  static fromAccount({ user, grants }: Account): UserResponse {
    return Object.assign(new UserResponse(), {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      roles: roleNames(grants),
      grants: RoleGrantResponse.fromGrants(grants),
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: user.createdAt.toISOString(),
      disabled: user.disabledAt !== null,
    });
  }
}

/** One page of accounts found by an administrator, with the total. */
export class UserListResponse {
  @ApiProperty({ type: [UserResponse] }) items: UserResponse[];
  @ApiProperty({ description: 'Accounts matching the search in all.' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;

  static of(r: { accounts: Account[]; total: number }, page: number, pageSize: number): UserListResponse {
    return Object.assign(new UserListResponse(), { items: r.accounts.map((a) => UserResponse.fromAccount(a)), total: r.total, page, pageSize });
  }
}
