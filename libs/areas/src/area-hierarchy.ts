export const AREA_KINDS = ['city', 'district', 'neighbourhood'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** Which kinds an area of each kind may sit under: a city is the top; a neighbourhood may sit under a city directly. */
export const ALLOWED_PARENT_KINDS: Record<AreaKind, readonly AreaKind[]> = {
  city: [],
  district: ['city'],
  neighbourhood: ['district', 'city'],
};

export enum PlacementProblem {
  CityHasParent = 'city_has_parent',
  ParentRequired = 'parent_required',
  ParentKindNotAllowed = 'parent_kind_not_allowed',
}

/** Whether an area of `kind` may sit under a parent of `parentKind` (null: no parent). */
export function checkPlacement(kind: AreaKind, parentKind: AreaKind | null): PlacementProblem | null {
  const allowed = ALLOWED_PARENT_KINDS[kind];
  if (parentKind === null) return allowed.length === 0 ? null : PlacementProblem.ParentRequired;
  if (allowed.length === 0) return PlacementProblem.CityHasParent;
  return allowed.includes(parentKind) ? null : PlacementProblem.ParentKindNotAllowed;
}

/** The kinds among an area's children that could not stay under it if it became `kind`. */
export function childrenBlockingKind(kind: AreaKind, childKinds: readonly AreaKind[]): AreaKind[] {
  return [...new Set(childKinds.filter((c) => !ALLOWED_PARENT_KINDS[c].includes(kind)))];
}

/**
 * Whether putting an area under a new parent would close a cycle: true when the area is the new parent or one of
 * its ancestors. `parentLineage` is the new parent's id followed by its ancestors' ids.
 */
export function wouldCycle(areaId: string, parentLineage: readonly string[]): boolean {
  return parentLineage.includes(areaId);
}

const KIND_ORDER: Record<AreaKind, number> = { city: 0, district: 1, neighbourhood: 2 };
const collator = new Intl.Collator('pl', { sensitivity: 'base', numeric: true });

/** The order of the public list: by kind (city, district, neighbourhood), then by name as Polish sorts it. */
export function compareAreas(a: { kind: AreaKind; name: string; id: string }, b: { kind: AreaKind; name: string; id: string }): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Areas in the order of the tree (each followed by the areas inside it), labelled with their parent below the top
 * ("Oliwa Górna (Oliwa)"): the options of an area select. An area whose parent is not in the list counts as a top one.
 */
export function areaTree(areas: ReadonlyArray<{ id: string; name: string; parentId: string | null }>): Array<{ id: string; label: string }> {
  const byId = new Map(areas.map((a) => [a.id, a]));
  const out: Array<{ id: string; label: string }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const a of areas.filter((x) => (x.parentId && byId.has(x.parentId) ? x.parentId : null) === parent)) {
      out.push({ id: a.id, label: depth > 1 && a.parentId ? `${a.name} (${byId.get(a.parentId)!.name})` : a.name });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
