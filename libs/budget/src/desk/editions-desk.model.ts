import { format, zonedDate, zonedInstant, type Locale, type Text } from '@civitas/common';
import { parseZloty, type FieldLabels, type FormBody, type FormError, type FormState } from '@civitas/web';
import { CRITERIA, OPTIONAL_FIELDS } from '../edition-rules';
import type { Edition } from '../editions.service';
import { PHASES } from '../phases';
import { PHASE_NAMES } from '../web/budget.texts';
import { ED } from './editions-desk.texts';

export const EDITIONS_PATH = '/desk/budget/editions';
export const editionPath = (id: string) => `${EDITIONS_PATH}/${id}`;

/** Category rows offered when an edition is created. */
export const NEW_CATEGORY_ROWS = 4;

const textOf = (template: Text, params: Record<string, string | number>): Text => ({ pl: format(template.pl, params), en: format(template.en, params) });

/** What a date that does not exist becomes, so that the DTO refuses it (the form shows what was typed). */
const NOT_A_DATE = 'not-a-date';
const WALL = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})\s*$/;

/** A date and time typed in Warsaw time ("2027-03-01 09:00") as an ISO instant; anything else as typed (the DTO refuses it). */
export function wallToIso(typed: string): string {
  const m = WALL.exec(typed);
  if (!m) return typed;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return NOT_A_DATE;
  const instant = zonedInstant(y, mo, d, h, mi);
  if (zonedDate(instant) !== `${m[1]}-${m[2]}-${m[3]}`) return NOT_A_DATE;
  return instant.toISOString();
}

/** An instant as the form shows it: Warsaw time, "2027-03-01 09:00". */
export function isoToWall(d: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(d);
  return `${zonedDate(d)} ${time}`;
}

/** What was typed, for a re-rendered form: text fields and groups of ticked checkboxes (never the CSRF token). */
export function typedWithLists(raw: FormBody): FormState['values'] {
  const values: FormState['values'] = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') values[k] = v;
    else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return values;
}

/** The edition form's labels: each phase's start and end named, the rules, the categories' rows. */
export function editionLabels(categories: number): FieldLabels {
  const labels: FieldLabels = { name: ED.name, year: ED.year, ballotOrder: ED.ballotOrder };
  PHASES.forEach((p, i) => {
    labels[`phases.${i}.startsAt`] = { pl: format(ED.starts.pl, { phase: PHASE_NAMES[p].pl }), en: format(ED.starts.en, { phase: PHASE_NAMES[p].en }) };
    labels[`phases.${i}.endsAt`] = { pl: format(ED.ends.pl, { phase: PHASE_NAMES[p].pl }), en: format(ED.ends.en, { phase: PHASE_NAMES[p].en }) };
  });
  labels.phases = ED.scheduleHeading;
  labels['rules.maxAuthors'] = ED.maxAuthors;
  labels['rules.correctionDays'] = ED.correctionDays;
  labels['rules.appealDays'] = ED.appealDays;
  labels['rules.onlineEndorsements'] = ED.onlineEndorsements;
  labels['rules.criteria'] = ED.criteria;
  labels['rules.requiredFields'] = ED.requiredFields;
  labels.rules = ED.rulesHeading;
  for (let i = 0; i < categories; i++) {
    labels[`categories.${i}.namePl`] = textOf(ED.namePl, {});
    labels[`categories.${i}.nameEn`] = textOf(ED.nameEn, {});
  }
  labels.categories = ED.categoriesHeading;
  return labels;
}

const whole = (v: unknown): unknown => (typeof v === 'string' && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The edition form's body as the API's DTO wants it: the schedule as instants, numbers, the rules as an object. */
export function editionInput(raw: FormBody, withCategories: boolean): FormBody {
  const out: FormBody = {
    name: raw.name,
    year: whole(raw.year),
    phases: PHASES.map((phase, i) => {
      const at = (k: string) => (typeof raw[`phases.${i}.${k}`] === 'string' ? wallToIso(raw[`phases.${i}.${k}`] as string) : raw[`phases.${i}.${k}`]);
      return { phase, startsAt: at('startsAt'), endsAt: at('endsAt') };
    }),
    rules: {
      maxAuthors: whole(raw['rules.maxAuthors']),
      correctionDays: whole(raw['rules.correctionDays']),
      appealDays: whole(raw['rules.appealDays']),
      onlineEndorsements:
        raw['rules.onlineEndorsements'] === 'true' ? true : raw['rules.onlineEndorsements'] === 'false' ? false : raw['rules.onlineEndorsements'],
      criteria: list(raw['rules.criteria']),
      requiredFields: list(raw['rules.requiredFields']),
    },
  };
  if (raw.ballotOrder !== undefined && raw.ballotOrder !== '') out.ballotOrder = raw.ballotOrder;
  if (withCategories) {
    const rows: Array<{ namePl: unknown; nameEn: unknown }> = [];
    for (let i = 0; i < NEW_CATEGORY_ROWS; i++) {
      const pl = raw[`categories.${i}.namePl`] ?? '';
      const en = raw[`categories.${i}.nameEn`] ?? '';
      if (pl === '' && en === '') continue;
      rows.push({ namePl: pl, nameEn: en });
    }
    out.categories = rows;
  }
  return out;
}

/** The fields of the edition form, filled from an edition (to change it). */
export function editionValues(e: Edition): FormState['values'] {
  const v: FormState['values'] = {
    name: e.name,
    year: String(e.year),
    ballotOrder: e.ballotOrder,
    'rules.maxAuthors': String(e.rules.maxAuthors),
    'rules.correctionDays': String(e.rules.correctionDays),
    'rules.appealDays': String(e.rules.appealDays),
    'rules.onlineEndorsements': String(e.rules.onlineEndorsements),
    'rules.criteria': [...e.rules.criteria],
    'rules.requiredFields': [...e.rules.requiredFields],
  };
  PHASES.forEach((p, i) => {
    const w = e.phases.find((x) => x.phase === p);
    if (w) {
      v[`phases.${i}.startsAt`] = isoToWall(w.startsAt);
      v[`phases.${i}.endsAt`] = isoToWall(w.endsAt);
    }
  });
  return v;
}

/** A new edition's form: the default rules, every criterion, the usual required fields. */
export function newEditionValues(): FormState['values'] {
  return {
    ballotOrder: 'alphabetical',
    'rules.maxAuthors': '3',
    'rules.correctionDays': '7',
    'rules.appealDays': '7',
    'rules.onlineEndorsements': 'true',
    'rules.criteria': [...CRITERIA],
    'rules.requiredFields': OPTIONAL_FIELDS.filter((f) => ['summary', 'description', 'justification', 'area'].includes(f)),
  };
}

export const POOL_FIELDS_ORDER = ['name', 'areaId', 'categoryId', 'amount', 'minCost', 'maxCost', 'minCostBp', 'maxCostBp', 'signaturesRequired'] as const;

export const POOL_LABELS: FieldLabels = {
  name: ED.poolName,
  areaId: ED.poolArea,
  categoryId: ED.poolCategory,
  amount: ED.amount,
  minCost: ED.minCost,
  maxCost: ED.maxCost,
  minCostBp: ED.minCostBp,
  maxCostBp: ED.maxCostBp,
  signaturesRequired: ED.signaturesRequired,
};

/** A percentage typed as "20" or "12,5" in basis points (2000, 1250), or null when it cannot be read. */
export function percentToBp(raw: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(raw);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return bp >= 1 && bp <= 10000 ? bp : null;
}

/** The pool form's body as PoolDto wants it (grosze, basis points, whole numbers), with the problems of what cannot be read. */
export function poolInput(raw: FormBody, locale: Locale): { body: FormBody; problems: FormError[] } {
  const body: FormBody = { name: raw.name, signaturesRequired: whole(raw.signaturesRequired) };
  const problems: FormError[] = [];
  for (const k of ['areaId', 'categoryId'] as const) if (typeof raw[k] === 'string' && raw[k] !== '') body[k] = raw[k];
  for (const k of ['amount', 'minCost', 'maxCost'] as const) {
    const v = raw[k];
    if (typeof v !== 'string' || v.trim() === '') {
      if (k === 'amount') body[k] = undefined;
      continue;
    }
    const z = parseZloty(v);
    if ('grosze' in z) body[k] = z.grosze;
    else problems.push({ field: k, text: format(ED.zlotyProblem[locale], { field: POOL_LABELS[k][locale] }) });
  }
  for (const k of ['minCostBp', 'maxCostBp'] as const) {
    const v = raw[k];
    if (typeof v !== 'string' || v.trim() === '') continue;
    const bp = percentToBp(v);
    if (bp !== null) body[k] = bp;
    else problems.push({ field: k, text: format(ED.percentProblem[locale], { field: POOL_LABELS[k][locale] }) });
  }
  return { body, problems };
}
