/** Every account is a resident; these roles are granted on top of that, each unrestricted or limited to areas. */
export const ASSIGNABLE_ROLES = ['moderator', 'official', 'admin'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLES = ['resident', ...ASSIGNABLE_ROLES] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose rights can be limited to areas (an admin is always unrestricted). */
export const AREA_SCOPED_ROLES: readonly AssignableRole[] = ['moderator', 'official'];

/** One row of user_roles: the role over every area (areaId null) or over one area and its descendants. */
export interface RoleGrant {
  role: AssignableRole;
  areaId: string | null;
}

/** The role names an account holds, 'resident' first and always present. */
export function roleNames(grants: readonly RoleGrant[]): Role[] {
  const held = new Set<Role>(grants.map((g) => g.role));
  return ROLES.filter((r) => r === 'resident' || held.has(r));
}
