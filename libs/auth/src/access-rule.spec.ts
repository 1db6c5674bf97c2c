import type { RoleGrant } from '@civitas/users';
import { coversRole, needsLineage } from './access-rule';

// A small city: Kraków > Krowodrza > Bronowice; Kraków > Podgórze.
const CITY = 'c';
const KROWODRZA = 'd1';
const BRONOWICE = 'n1';
const PODGORZE = 'd2';
const lineage = {
  [CITY]: [CITY],
  [KROWODRZA]: [KROWODRZA, CITY],
  [BRONOWICE]: [BRONOWICE, KROWODRZA, CITY],
  [PODGORZE]: [PODGORZE, CITY],
};

describe('access rule', () => {
  it('makes every account a resident, everywhere', () => {
    expect(coversRole([], 'resident', undefined)).toBe(true);
    expect(coversRole([], 'resident', null)).toBe(true);
    expect(coversRole([], 'resident', lineage[BRONOWICE])).toBe(true);
  });

  it('denies a role the account does not hold', () => {
    const grants: RoleGrant[] = [{ role: 'moderator', areaId: null }];
    expect(coversRole(grants, 'official', undefined)).toBe(false);
    expect(coversRole(grants, 'official', lineage[CITY])).toBe(false);
    expect(coversRole([], 'admin', undefined)).toBe(false);
  });

  it('lets an unrestricted grant cover every area and city-wide matters', () => {
    const grants: RoleGrant[] = [{ role: 'official', areaId: null }];
    for (const area of Object.values(lineage)) expect(coversRole(grants, 'official', area)).toBe(true);
    expect(coversRole(grants, 'official', null)).toBe(true);
    expect(coversRole(grants, 'official', undefined)).toBe(true);
  });

  it('lets a grant limited to an area cover that area and its descendants only', () => {
    const grants: RoleGrant[] = [{ role: 'official', areaId: KROWODRZA }];
    expect(coversRole(grants, 'official', lineage[KROWODRZA])).toBe(true);
    expect(coversRole(grants, 'official', lineage[BRONOWICE])).toBe(true);
    expect(coversRole(grants, 'official', lineage[PODGORZE])).toBe(false);
    expect(coversRole(grants, 'official', lineage[CITY])).toBe(false);
    expect(coversRole(grants, 'official', null)).toBe(false);
    // Held somewhere: enough for a route that only asks for the role.
    expect(coversRole(grants, 'official', undefined)).toBe(true);
  });

  it('does not let an area-limited grant of one role cover another role', () => {
    const grants: RoleGrant[] = [{ role: 'moderator', areaId: KROWODRZA }];
    expect(coversRole(grants, 'official', lineage[BRONOWICE])).toBe(false);
    expect(coversRole(grants, 'moderator', lineage[BRONOWICE])).toBe(true);
  });

  it('treats an unknown area (empty lineage) as covered by unrestricted grants only', () => {
    expect(coversRole([{ role: 'official', areaId: KROWODRZA }], 'official', [])).toBe(false);
    expect(coversRole([{ role: 'official', areaId: null }], 'official', [])).toBe(true);
  });

  it('lets the admin role include every other role', () => {
    const grants: RoleGrant[] = [{ role: 'admin', areaId: null }];
    expect(coversRole(grants, 'official', lineage[BRONOWICE])).toBe(true);
    expect(coversRole(grants, 'moderator', null)).toBe(true);
    expect(coversRole(grants, 'admin', undefined)).toBe(true);
  });

  it('asks the database for a lineage only when every relevant grant is area-limited', () => {
    expect(needsLineage([], 'official')).toBe(false);
    expect(needsLineage([{ role: 'official', areaId: null }], 'official')).toBe(false);
    expect(needsLineage([{ role: 'official', areaId: KROWODRZA }], 'official')).toBe(true);
    expect(needsLineage([{ role: 'official', areaId: KROWODRZA }], 'resident')).toBe(false);
  });
});
