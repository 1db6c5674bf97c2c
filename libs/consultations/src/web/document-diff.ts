/** A section as the diff compares it (the id is stable across versions; see DocumentsService). */
export interface DiffSection {
  id: string;
  key: string;
  position: number;
  heading: string;
  body: string;
}

export type SectionChange = 'added' | 'changed' | 'moved' | 'unchanged';

export interface DocumentDiff<S extends DiffSection = DiffSection> {
  /** Each section of the newer version: how it differs from the older one (and its older text when changed). */
  changes: Map<string, { change: SectionChange; before: S | null }>;
  /** Sections of the older version that the newer one no longer has, in their old order. */
  removed: S[];
}

/**
 * What changed between two versions of a document, section by section: a section is added (its id is new), changed
 * (its heading or text differs), moved (same words, another place among the sections both versions have) or
 * unchanged; a section of the older version missing from the newer one is removed.
 */
export function diffVersions<S extends DiffSection>(older: S[], newer: S[]): DocumentDiff<S> {
  const before = new Map(older.map((s) => [s.id, s]));
  const after = new Set(newer.map((s) => s.id));
  const keptOld = older.filter((s) => after.has(s.id)).map((s) => s.id);
  const keptNew = newer.filter((s) => before.has(s.id)).map((s) => s.id);
  const rankOld = new Map(keptOld.map((id, i) => [id, i]));
  const changes = new Map<string, { change: SectionChange; before: S | null }>();
  keptNew.forEach((id, i) => {
    const b = before.get(id)!;
    const a = newer.find((s) => s.id === id)!;
    const changed = a.heading !== b.heading || a.body !== b.body || a.key !== b.key;
    changes.set(id, { change: changed ? 'changed' : rankOld.get(id) !== i ? 'moved' : 'unchanged', before: b });
  });
  for (const s of newer) if (!before.has(s.id)) changes.set(s.id, { change: 'added', before: null });
  return { changes, removed: older.filter((s) => !after.has(s.id)) };
}
