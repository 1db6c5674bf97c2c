import type { Role, RoleGrant } from '@civitas/users';

/**
 * Where a role is asked for:
 * - `undefined`: anywhere (the account holds the role in some scope);
 * - `null`: everywhere (an unrestricted grant is needed, e.g. for something city-wide);
 * - a list: one area, given as its lineage — the area's id followed by its ancestors' ids.
 */
export type RoleScope = undefined | null | readonly string[];

/** Whether a grant is of the role asked for. The admin role includes every other role. */
function grantsRole(grant: RoleGrant, role: Role): boolean {
  return grant.role === role || grant.role === 'admin';
}

/**
 * The access rule. Every account is a resident. A grant with no area covers every area; a grant limited to an area
 * covers that area and all its descendants (so an area is covered when the grant's area is in its lineage).
 */
export function coversRole(grants: readonly RoleGrant[], role: Role, scope: RoleScope): boolean {
  if (role === 'resident') return true;
  const relevant = grants.filter((g) => grantsRole(g, role));
  if (relevant.length === 0) return false;
  if (scope === undefined) return true;
  if (relevant.some((g) => g.areaId === null)) return true;
  if (scope === null) return false;
  return relevant.some((g) => g.areaId !== null && scope.includes(g.areaId));
}

/** Whether answering for this role and scope needs the area's lineage from the database. */
export function needsLineage(grants: readonly RoleGrant[], role: Role): boolean {
  if (role === 'resident') return false;
  const relevant = grants.filter((g) => grantsRole(g, role));
  return relevant.length > 0 && relevant.every((g) => g.areaId !== null);
}
