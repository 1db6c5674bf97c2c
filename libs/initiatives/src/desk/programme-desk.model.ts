import type { Locale, Text } from '@civitas/common';
import { parseZloty, textWith, zlotyInput, type FieldLabels, type FormError, type FormState } from '@civitas/web';
import type { Programme } from '../programmes.service';
import { PG } from './programme-desk.texts';

/** The fields of one criterion row, as the form names them (`criteria.<i>.<field>`). */
export const CRITERION_FIELDS = ['key', 'namePl', 'nameEn', 'weight', 'maxPoints'] as const;
const MAX_ROWS = 24;

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const rowsOf = (raw: Record<string, unknown>, prefix: string): number => {
  let n = 0;
  for (const k of Object.keys(raw)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, MAX_ROWS);
};

/** The form's values of a stored programme (amounts in złoty as typed), or of a new one: a volunteer-work criterion. */
export function programmeValues(p: Programme | null, locale: Locale): FormState['values'] {
  if (!p) {
    return {
      intake: 'continuous',
      minApplicants: '3',
      correctionDays: '7',
      'criteria.0.key': 'volunteer',
      'criteria.0.namePl': PG.volunteerDefault.pl,
      'criteria.0.nameEn': PG.volunteerDefault.en,
      'criteria.0.weight': '1',
      'criteria.0.maxPoints': '10',
      volunteerCriterion: '0',
    };
  }
  const v: FormState['values'] = {
    intake: p.intake,
    allocation: zlotyInput(p.allocation, locale),
    minApplicants: String(p.minApplicants),
    correctionDays: String(p.correctionDays),
    volunteerHourValue: zlotyInput(p.volunteerHourValue, locale),
  };
  p.windows.forEach((w, i) => {
    v[`windows.${i}.opensOn`] = w.opensOn;
    v[`windows.${i}.closesOn`] = w.closesOn;
  });
  p.criteria.forEach((c, i) => {
    v[`criteria.${i}.key`] = c.key;
    v[`criteria.${i}.namePl`] = c.namePl;
    v[`criteria.${i}.nameEn`] = c.nameEn;
    v[`criteria.${i}.weight`] = String(c.weight).replace('.', locale === 'pl' ? ',' : '.');
    v[`criteria.${i}.maxPoints`] = String(c.maxPoints);
    if (c.volunteerWork) v.volunteerCriterion = String(i);
  });
  return v;
}

/** How many window and criterion rows the form shows: those sent (or stored), at least one criterion. */
export function rowCounts(values: FormState['values']): { windows: number; criteria: number } {
  const raw = values as Record<string, unknown>;
  return { windows: rowsOf(raw, 'windows'), criteria: Math.max(1, rowsOf(raw, 'criteria')) };
}

/** Labels of every field, the rows' numbered ("Criterion 2: weight"), for the error summary. */
export function programmeLabels(rows: { windows: number; criteria: number }): FieldLabels {
  const labels: FieldLabels = {
    intake: PG.intake,
    windows: PG.windowsLegend,
    allocation: PG.allocation,
    minApplicants: PG.minApplicants,
    correctionDays: PG.correctionDays,
    volunteerHourValue: PG.volunteerHourValue,
    criteria: PG.volunteerCriterion,
    volunteerCriterion: PG.volunteerCriterion,
  };
  for (let i = 0; i < Math.max(rows.windows, 1); i++) {
    const n = { n: String(i + 1) };
    labels[`windows.${i}.opensOn`] = textWith(PG.opensOn, n);
    labels[`windows.${i}.closesOn`] = textWith(PG.closesOn, n);
  }
  for (let i = 0; i < rows.criteria; i++) for (const f of CRITERION_FIELDS) labels[`criteria.${i}.${f}`] = textWith(PG[f], { n: String(i + 1) });
  return labels;
}

/**
 * The submitted form as the API's body (`ProgrammeDto`): amounts in złoty → grosze, numbers as numbers (a number
 * that cannot be read stays text, so the DTO's own rule names it), empty rows left out; the problems found on the
 * way on their fields. `rows` maps the body's row index back to the form's.
 */
export function programmeInput(
  raw: Record<string, unknown>,
  locale: Locale,
): { body: Record<string, unknown>; problems: FormError[]; rows: { windows: number[]; criteria: number[] } } {
  const problems: FormError[] = [];
  const say = (field: string, text: Text) => problems.push({ field, text: text[locale] });
  const money = (name: string): number | string | undefined => {
    const s = str(raw[name]);
    if (s === '') return undefined;
    const r = parseZloty(s);
    if ('grosze' in r) return r.grosze;
    say(name, PG.amount);
    return undefined;
  };
  const whole = (name: string): number | string | undefined => {
    const s = str(raw[name]);
    if (s === '') return undefined;
    if (/^\d{1,9}$/.test(s)) return Number(s);
    say(name, PG.wholeNumber);
    return undefined;
  };
  const body: Record<string, unknown> = {
    intake: str(raw.intake) || undefined,
    allocation: money('allocation'),
    minApplicants: whole('minApplicants'),
    correctionDays: whole('correctionDays'),
    volunteerHourValue: money('volunteerHourValue'),
  };
  const windowRows: number[] = [];
  const windows: Array<Record<string, string>> = [];
  if (body.intake === 'windows') {
    for (let i = 0; i < rowsOf(raw, 'windows'); i++) {
      const opensOn = str(raw[`windows.${i}.opensOn`]);
      const closesOn = str(raw[`windows.${i}.closesOn`]);
      if (!opensOn && !closesOn) continue;
      windows.push({ opensOn, closesOn });
      windowRows.push(i);
    }
    body.windows = windows;
  }
  const criteriaRows: number[] = [];
  const criteria: Array<Record<string, unknown>> = [];
  const volunteer = str(raw.volunteerCriterion);
  for (let i = 0; i < rowsOf(raw, 'criteria'); i++) {
    const cell = (f: string) => str(raw[`criteria.${i}.${f}`]);
    if (CRITERION_FIELDS.every((f) => cell(f) === '')) continue;
    const weight = cell('weight').replace(',', '.');
    const maxPoints = cell('maxPoints');
    const w = /^\d{1,4}(\.\d{1,2})?$/.test(weight) ? Number(weight) : undefined;
    const p = /^\d{1,3}$/.test(maxPoints) ? Number(maxPoints) : undefined;
    if (w === undefined && weight !== '') say(`criteria.${i}.weight`, PG.number);
    if (p === undefined && maxPoints !== '') say(`criteria.${i}.maxPoints`, PG.wholeNumber);
    criteria.push({
      key: cell('key'),
      namePl: cell('namePl'),
      nameEn: cell('nameEn'),
      weight: w ?? (weight === '' ? undefined : weight),
      maxPoints: p ?? (maxPoints === '' ? undefined : maxPoints),
      volunteerWork: volunteer === String(i),
    });
    criteriaRows.push(i);
  }
  if (criteria.length > 0 && !criteria.some((c) => c.volunteerWork)) say('volunteerCriterion', PG.pickVolunteer);
  body.criteria = criteria;
  return { body, problems, rows: { windows: windowRows, criteria: criteriaRows } };
}

/** A problem the API names by the body's row (`criteria.1.weight`, `windows.0`) put on the form's own field. */
export function onFormRow(field: string | null, rows: { windows: number[]; criteria: number[] }): string | null {
  if (!field) return null;
  if (field === 'criteria') return 'volunteerCriterion';
  if (field === 'windows') return 'windows.0.opensOn';
  const m = /^(windows|criteria)\.(\d+)(?:\.(\w+))?/.exec(field);
  if (!m) return field;
  const formRow = rows[m[1] as 'windows' | 'criteria'][Number(m[2])];
  if (formRow === undefined) return m[1] === 'criteria' ? 'volunteerCriterion' : 'intake';
  const sub = m[3] ?? (m[1] === 'windows' ? 'opensOn' : 'key');
  return `${m[1]}.${formRow}.${sub}`;
}
