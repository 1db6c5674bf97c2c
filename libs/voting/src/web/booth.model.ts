import type { Text } from '@civitas/common';
import { checkChoice, type PoolChoice, type PoolSpec } from '../ballots/ballot-spec';
import type { BoothState, IdentityValues } from './booth-drafts.service';

/** An area as the booth needs it. */
export interface BoothArea {
  id: string;
  name: string;
  parentId: string | null;
}

/** A pool with a ballot, and its projects in ballot order. */
export interface BoothPool {
  id: string;
  name: string;
  areaId: string | null;
  spec: PoolSpec;
  projects: Array<{ id: string; number: number; title: string; cost: number }>;
}

/** The area and every area above it (the declared area first). */
export function lineageOf(areas: BoothArea[], areaId: string): string[] {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const out: string[] = [];
  for (let a = byId.get(areaId); a && !out.includes(a.id); a = a.parentId ? byId.get(a.parentId) : undefined) out.push(a.id);
  return out;
}

/** A pool of the whole city: no area, or an area without a parent (as BallotsService counts them). */
export function isCityWide(pool: Pick<BoothPool, 'areaId'>, areas: BoothArea[]): boolean {
  if (!pool.areaId) return true;
  const area = areas.find((a) => a.id === pool.areaId);
  return !area || area.parentId === null;
}

/** The pools a voter of this area may vote in: city-wide ones and those of the area or an area above it. */
export function eligiblePools(pools: BoothPool[], areas: BoothArea[], areaId: string): BoothPool[] {
  const lineage = lineageOf(areas, areaId);
  return pools.filter((p) => isCityWide(p, areas) || (p.areaId !== null && lineage.includes(p.areaId)));
}

/** The pools a draft votes in, in the edition's order (those still eligible). */
export function chosenPools(pools: BoothPool[], state: BoothState): BoothPool[] {
  return pools.filter((p) => state.pools?.includes(p.id));
}

/**
 * The choice of one pool as the form sent it. Approval: `projectIds` (checkboxes); choose-1: `projectIds` (a radio);
 * ordinal: `rank.1` … `rank.N` (selects, empty = none); cumulative: `points.<projectId>` (number inputs, empty = 0).
 * Returns the choice as the draft keeps it, and the problems of the form itself (a points field that is no number).
 */
/** A problem of a pool's form, on the field that caused it. */
export interface PoolProblem {
  field: string;
  text: Text;
}

export function readPoolForm(
  pool: BoothPool,
  body: Record<string, unknown>,
  pointsBad: (max: number) => Text,
): { choice: BoothState['choices'][string]; errors: PoolProblem[] } {
  const errors: PoolProblem[] = [];
  const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' && v ? [v] : []);
  switch (pool.spec.voteType) {
    case 'approval':
    case 'choose-1':
      return { choice: { projectIds: listOf(body.projectIds) }, errors };
    case 'ordinal': {
      const n = pool.spec.maxLength ?? pool.projects.length;
      const ranks: string[] = [];
      for (let i = 1; i <= n; i++) {
        const v = body[`rank.${i}`];
        ranks.push(typeof v === 'string' ? v : '');
      }
      return { choice: { projectIds: ranks }, errors };
    }
    case 'cumulative': {
      const points: Record<string, number> = {};
      const max = pool.spec.maxPointsPerProject ?? pool.spec.pointsTotal ?? 1000;
      for (const p of pool.projects) {
        const raw = body[`points.${p.id}`];
        const s = typeof raw === 'string' ? raw.trim() : '';
        if (s === '') continue;
        if (!/^\d{1,4}$/.test(s)) {
          errors.push({ field: `points.${p.id}`, text: pointsBad(max) });
          continue;
        }
        const n = Number(s);
        if (n > 0) points[p.id] = n;
      }
      return { choice: { points }, errors };
    }
  }
}

/** The choice of a pool as the ballot API takes it (ordinal ranks without the empty places). */
export function toPoolChoice(pool: BoothPool, choice: BoothState['choices'][string] | undefined): PoolChoice {
  if (pool.spec.voteType === 'cumulative') {
    return { poolId: pool.id, points: Object.entries(choice?.points ?? {}).map(([projectId, points]) => ({ projectId, points })) };
  }
  return { poolId: pool.id, projectIds: (choice?.projectIds ?? []).filter((id) => id !== '') };
}

/**
 * Checks one pool's choice with the ballot API's own rules (checkChoice) and puts each problem on the field of the
 * form that caused it: the list (approval, choose-1) → `projectIds`; a place of a ranking → `rank.N`; a project's
 * points → `points.<projectId>`. A gap in a ranking ("place 1 empty, place 2 chosen") is refused on the place.
 */
export function checkPoolForm(pool: BoothPool, choice: BoothState['choices'][string], gapText: Text): PoolProblem[] {
  const out: PoolProblem[] = [];
  if (pool.spec.voteType === 'ordinal') {
    const ranks = choice.projectIds ?? [];
    const last = ranks.reduce((at, id, i) => (id ? i : at), -1);
    ranks.forEach((id, i) => {
      if (!id && i < last) out.push({ field: `rank.${i + 1}`, text: gapText });
    });
    if (out.length) return out;
  }
  const costs = new Map(pool.projects.map((p) => [p.id, p.cost]));
  const apiChoice = toPoolChoice(pool, choice);
  const { problems } = checkChoice('c', pool.name, pool.spec, costs, apiChoice);
  return problems.map((p) => ({ field: formFieldOf(pool, apiChoice, p.field), text: p.text }));
}

/** The form field of a problem of checkChoice (`c.projectIds.2`, `c.points.1.points`, `c.projectIds`). */
function formFieldOf(pool: BoothPool, choice: PoolChoice, path: string): string {
  const item = /^c\.projectIds\.(\d+)$/.exec(path);
  if (item) return pool.spec.voteType === 'ordinal' ? `rank.${Number(item[1]) + 1}` : 'projectIds';
  const points = /^c\.points\.(\d+)\./.exec(path);
  if (points) return `points.${choice.points?.[Number(points[1])]?.projectId ?? ''}`;
  return pool.spec.voteType === 'cumulative' ? 'points' : pool.spec.voteType === 'ordinal' ? 'rank.1' : 'projectIds';
}

/** The identity as the ballot API takes it, from the booth's form values. */
export function toIdentity(v: IdentityValues) {
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    areaId: v.areaId,
    address: v.address || null,
    email: v.email || null,
    pesel: v.pesel || null,
    birthYear: v.birthYear ? Number(v.birthYear) : null,
    guardian: v.guardianName || v.guardianDeclaration ? { name: v.guardianName ?? '', declaration: v.guardianDeclaration === true } : null,
  };
}

/** Total cost of an approval choice (grosze). */
export function chosenCost(pool: BoothPool, choice: BoothState['choices'][string] | undefined): number {
  const costs = new Map(pool.projects.map((p) => [p.id, p.cost]));
  return (choice?.projectIds ?? []).reduce((s, id) => s + (costs.get(id) ?? 0), 0);
}

/** Points given in a cumulative choice. */
export function pointsGiven(choice: BoothState['choices'][string] | undefined): number {
  return Object.values(choice?.points ?? {}).reduce((s, n) => s + n, 0);
}
