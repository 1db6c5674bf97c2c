import type { Locale } from '@civitas/common';
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

/** The statuses in which the authors may change a project (the task list is theirs to work through). */
export const EDITABLE_STATUSES = ['draft', 'correction_requested'];

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

export type AmountProblem = 'missing' | 'format' | 'zero' | 'too_large';

/**
 * An amount as a person types it in złoty — "1500", "1 500", "1500,50", "1.500,50", "1,500.50", "1500 zł" — as
 * integer grosze (an ambiguous "1,500" is refused rather than guessed), or what is wrong with it. At most two decimal places; never above Number.MAX_SAFE_INTEGER grosze.
 */
export function parseZloty(raw: string): { grosze: number } | { problem: AmountProblem } {
  const s = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(zł|zl|pln)$/i, '')
    .replace(/^(pln)/i, '');
  if (s === '') return { problem: 'missing' };
  let whole: string;
  let frac: string;
  let m: RegExpExecArray | null;
  // Thousands separators only where they cannot be read as a decimal point: "1,500" or "12.345" alone are refused
  // (is it 1500 or 1.5?), "1 500", "1.500.000", "1.500,50" and "1,500.50" are not.
  if ((m = /^(\d{1,3}(?:,\d{3}){2,})(?:\.(\d{1,2}))?$/.exec(s)) || (m = /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/.exec(s))) {
    whole = m[1].replace(/,/g, '');
    frac = m[2] ?? '';
  } else if ((m = /^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d{1,2}))?$/.exec(s)) || (m = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(s))) {
    whole = m[1].replace(/\./g, '');
    frac = m[2] ?? '';
  } else if ((m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s))) {
    whole = m[1];
    frac = m[2] ?? '';
  } else {
    return { problem: 'format' };
  }
  // More than 17 digits of złoty is beyond any amount (and beyond safe integers of grosze): no need to read it.
  if (whole.replace(/^0+/, '').length > 17) return { problem: 'too_large' };
  const grosze = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0') || '0');
  if (grosze === 0n) return { problem: 'zero' };
  if (grosze > BigInt(Number.MAX_SAFE_INTEGER)) return { problem: 'too_large' };
  return { grosze: Number(grosze) };
}

/** Grosze as a person would type them back into the amount field: "1500", "1500,50" (Polish), "1500.50" (English). */
export function zlotyInput(grosze: number, locale: Locale): string {
  const g = BigInt(grosze);
  const whole = (g / 100n).toString();
  const frac = g % 100n;
  if (frac === 0n) return whole;
  return `${whole}${locale === 'pl' ? ',' : '.'}${frac.toString().padStart(2, '0')}`;
}

/** A coordinate as typed ("54,4065" or "54.4065") as a number; anything else is left as typed, for the DTO to refuse. */
export function coordinateOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const s = raw.trim();
  if (!/^[-+]?\d{1,3}(?:[.,]\d{1,15})?$/.test(s)) return raw;
  return Number(s.replace(',', '.'));
}
