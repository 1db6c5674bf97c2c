import type { EditionRules, ProjectField } from '../edition-rules';
import { costRange, type Pool } from '../editions.service';
import type { ProjectView } from '../projects.service';

/** The sections of the task list, in order. */
export const SECTIONS = ['basics', 'description', 'location', 'costs', 'attachments', 'authors', 'check'] as const;
export type Section = (typeof SECTIONS)[number];

/** The sections that hold the project's fields (the rest are its files, its authors and the final check). */
export const FIELD_SECTIONS = ['basics', 'description', 'location', 'costs'] as const;
export type FieldSection = (typeof FIELD_SECTIONS)[number];

/** GOV.UK task list statuses. */
export type TaskStatus = 'completed' | 'in_progress' | 'not_started' | 'cannot_start';

/** Where each field of a project (as the API names it) is filled in, and its input's id there. */
export const FIELD_PLACE: Record<string, { section: FieldSection; id: string }> = {
  title: { section: 'basics', id: 'title' },
  poolId: { section: 'basics', id: 'poolId' },
  categoryId: { section: 'basics', id: 'categoryId' },
  areaId: { section: 'basics', id: 'areaId' },
  summary: { section: 'description', id: 'summary' },
  description: { section: 'description', id: 'description' },
  justification: { section: 'description', id: 'justification' },
  beneficiaries: { section: 'description', id: 'beneficiaries' },
  address: { section: 'location', id: 'address' },
  coordinates: { section: 'location', id: 'latitude' },
  latitude: { section: 'location', id: 'latitude' },
  longitude: { section: 'location', id: 'longitude' },
  costItems: { section: 'costs', id: 'costItems.0.description' },
};

export interface TaskInput {
  project: Pick<
    ProjectView,
    'title' | 'categoryId' | 'areaId' | 'summary' | 'description' | 'justification' | 'beneficiaries' | 'address' | 'latitude' | 'longitude'
  > & { costItems: unknown[]; totalCost: number; attachments: unknown[]; authors: unknown[] };
  rules: Pick<EditionRules, 'requiredFields'>;
  pool: Pick<Pool, 'amount' | 'minCost' | 'maxCost' | 'minCostBp' | 'maxCostBp' | 'areaId'> | undefined;
  pendingInvitations: number;
}

const filled = (s: string | null | undefined) => !!s && s.trim().length > 0;

/** Which optional fields (as the edition's rules name them) a project has filled in. */
export function filledFields(p: TaskInput['project']): Record<ProjectField, boolean> {
  return {
    summary: filled(p.summary),
    description: filled(p.description),
    justification: filled(p.justification),
    beneficiaries: filled(p.beneficiaries),
    address: filled(p.address),
    coordinates: p.latitude !== null && p.longitude !== null,
    category: p.categoryId !== null,
    area: p.areaId !== null,
  };
}

/** The fields the edition (and a district pool, for the area) requires before submission. */
export function requiredFields(input: Pick<TaskInput, 'rules' | 'pool'>): Set<ProjectField> {
  const required = new Set<ProjectField>(input.rules.requiredFields);
  if (input.pool?.areaId) required.add('area');
  return required;
}

/** A project's total against its pool's limits: the range (grosze) and whether the total lies within it. */
export function costCheck(total: number, pool: TaskInput['pool']): { min: number | null; max: number | null; within: boolean } {
  if (!pool) return { min: null, max: null, within: total > 0 };
  const { min, max } = costRange(pool);
  const ceiling = max === null ? pool.amount : Math.min(max, pool.amount);
  return { min, max: ceiling, within: total > 0 && (min === null || total >= min) && total <= ceiling };
}

function sectionStatus(fields: ProjectField[], has: Record<ProjectField, boolean>, required: Set<ProjectField>, partial = false): TaskStatus {
  if (!fields.some((f) => has[f]) && !partial) return 'not_started';
  if (partial) return 'in_progress';
  return fields.every((f) => !required.has(f) || has[f]) ? 'completed' : 'in_progress';
}

/**
 * Each section's status, from what is saved: a section is completed when every field the edition requires in it is
 * filled (costs: at least one item and a total within the pool's limits), in progress when begun but not complete,
 * not started when empty. The final check cannot start until every section with required fields is completed.
 */
export function taskStatuses(input: TaskInput): Record<Section, TaskStatus> {
  const has = filledFields(input.project);
  const required = requiredFields(input);
  const basics: TaskStatus = (['category', 'area'] as ProjectField[]).every((f) => !required.has(f) || has[f]) ? 'completed' : 'in_progress';
  const description = sectionStatus(['summary', 'description', 'justification', 'beneficiaries'], has, required);
  const oneCoordinate = (input.project.latitude === null) !== (input.project.longitude === null);
  const location = sectionStatus(['address', 'coordinates'], has, required, oneCoordinate);
  const costs: TaskStatus =
    input.project.costItems.length === 0 ? 'not_started' : costCheck(input.project.totalCost, input.pool).within ? 'completed' : 'in_progress';
  const attachments: TaskStatus = input.project.attachments.length ? 'completed' : 'not_started';
  const authors: TaskStatus = input.pendingInvitations > 0 ? 'in_progress' : input.project.authors.length > 1 ? 'completed' : 'not_started';
  const needsWork = (s: TaskStatus, fields: ProjectField[]) => s === 'in_progress' || (s === 'not_started' && fields.some((f) => required.has(f)));
  const blocked =
    basics !== 'completed' ||
    needsWork(description, ['summary', 'description', 'justification', 'beneficiaries']) ||
    needsWork(location, ['address', 'coordinates']) ||
    costs !== 'completed';
  return { basics, description, location, costs, attachments, authors, check: blocked ? 'cannot_start' : 'not_started' };
}

/** Amounts typed in złoty are read by @civitas/web (one reader for every form of the platform). */
export { parseZloty, zlotyInput, type AmountProblem } from '@civitas/web';

/** A coordinate as typed ("54,4065" or "54.4065") as a number; anything else is left as typed, for the DTO to refuse. */
export function coordinateOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const s = raw.trim();
  if (!/^[-+]?\d{1,3}(?:[.,]\d{1,15})?$/.test(s)) return raw;
  return Number(s.replace(',', '.'));
}
