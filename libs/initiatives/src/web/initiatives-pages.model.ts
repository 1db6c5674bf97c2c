import type { Locale } from '@civitas/common';
import type { FullInitiative } from '../applications.service';
import type { Programme } from '../programmes.service';

/** The sections of the application's task list, in order (the last one checks and submits). */
export const SECTIONS = ['applicants', 'contact', 'task', 'location', 'schedule', 'costs', 'attachments', 'check'] as const;
export type Section = (typeof SECTIONS)[number];
export type FieldSection = Exclude<Section, 'check'>;

export type TaskStatus = 'completed' | 'in_progress' | 'not_started';

/** Where each field of the application (as the service names it) is filled in, and its input's id there. */
export const FIELD_PLACE: Record<string, { section: FieldSection; id: string }> = {
  applicantType: { section: 'applicants', id: 'applicantType' },
  ngoName: { section: 'applicants', id: 'ngoName' },
  ngoKrs: { section: 'applicants', id: 'ngoKrs' },
  applicants: { section: 'applicants', id: 'applicants.0.firstName' },
  contactName: { section: 'contact', id: 'contactName' },
  contactEmail: { section: 'contact', id: 'contactEmail' },
  contactPhone: { section: 'contact', id: 'contactPhone' },
  taskArea: { section: 'task', id: 'taskArea' },
  title: { section: 'task', id: 'title' },
  description: { section: 'task', id: 'description' },
  beneficiaries: { section: 'task', id: 'beneficiaries' },
  beneficiariesCount: { section: 'task', id: 'beneficiariesCount' },
  location: { section: 'location', id: 'location' },
  areaId: { section: 'location', id: 'areaId' },
  landOwner: { section: 'location', id: 'landOwner' },
  schedule: { section: 'schedule', id: 'schedule.0.from' },
  totalCost: { section: 'costs', id: 'totalCost' },
  volunteerPeople: { section: 'costs', id: 'volunteerPeople' },
  volunteerHours: { section: 'costs', id: 'volunteerPeople' },
  inKind: { section: 'costs', id: 'inKind.0.item' },
  cash: { section: 'costs', id: 'cash' },
  cityShare: { section: 'costs', id: 'cityShare.0.description' },
  attachments: { section: 'attachments', id: 'file' },
};

/** The link to where a field named by the service is fixed (`applicants.2` → the first name of the third applicant). */
export function fieldHref(id: string, field: string): string {
  const [head, n, sub] = field.split('.');
  const place = FIELD_PLACE[head];
  if (!place) return `/initiatives/${id}/edit`;
  const anchor = n !== undefined && /^\d+$/.test(n) ? `${head}.${n}.${sub ?? place.id.split('.')[2]}` : place.id;
  return `/initiatives/${id}/edit/${place.section}#${anchor}`;
}

const filled = (s: string | null | undefined) => !!s && s.trim().length > 0;

/** Each section's status in the task list: completed once it holds what a submission needs. */
export function taskStatuses(f: FullInitiative, p: Pick<Programme, 'minApplicants'>): Record<FieldSection, TaskStatus> {
  const kinds = new Set(f.attachments.map((a) => a.kind));
  const c = f.contribution;
  const state = (done: boolean, started: boolean): TaskStatus => (done ? 'completed' : started ? 'in_progress' : 'not_started');
  return {
    applicants: state(
      f.applicants.length >= p.minApplicants && (f.applicantType === 'residents' || (filled(f.ngoName) && filled(f.ngoKrs))),
      f.applicants.length > 0 || filled(f.ngoName),
    ),
    contact: state(filled(f.contactName) && filled(f.contactEmail), filled(f.contactName) || filled(f.contactPhone)),
    task: state(filled(f.description) && filled(f.beneficiaries) && f.beneficiariesCount > 0, filled(f.description) || filled(f.beneficiaries)),
    location: state(filled(f.location), false),
    schedule: state(f.schedule.length > 0, false),
    costs: state(f.totalCost > 0 && f.cityShareTotal > 0 && c.total > 0, f.totalCost > 0 || f.cityShare.length > 0 || c.total > 0),
    attachments: state(
      (f.landOwner !== 'other' || kinds.has('owner_consent')) && (f.applicantType !== 'ngo' || kinds.has('authorisation')),
      f.attachments.length > 0,
    ),
  };
}

export type AmountProblem = 'format' | 'too_large';

/**
 * An amount typed in złoty ("12 000", "3500,50", "1.500,00 zł") as integer grosze; empty is zero. Thousands
 * separators: spaces, or dots before a comma; a lone comma or dot is the decimal point.
 */
export function parseZloty(raw: string): { grosze: number } | { problem: AmountProblem } {
  const s = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(zł|zl|pln)$/i, '')
    .replace(/^pln/i, '');
  if (s === '') return { grosze: 0 };
  let m: RegExpExecArray | null;
  let whole: string;
  let frac: string;
  if ((m = /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(s))) {
    whole = m[1].replace(/\./g, '');
    frac = m[2];
  } else if ((m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s))) {
    whole = m[1];
    frac = m[2] ?? '';
  } else return { problem: 'format' };
  if (whole.replace(/^0+/, '').length > 12) return { problem: 'too_large' };
  return { grosze: Number(BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'))) };
}

/** Grosze as a form shows them for editing: "12000" or "3500,50" ("3500.50" in English); zero as empty. */
export function zlotyInput(grosze: number, locale: Locale): string {
  if (!grosze) return '';
  const whole = Math.floor(grosze / 100);
  const gr = grosze % 100;
  return gr ? `${whole}${locale === 'pl' ? ',' : '.'}${String(gr).padStart(2, '0')}` : String(whole);
}

/** A whole number typed in a field: digits as a number, anything else as typed (for the DTO to refuse). */
export function intOf(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.replace(/[\s\u00a0]/g, '');
  return /^\d{1,9}$/.test(s) ? Number(s) : v;
}

/** Rows of a repeated group from a form body (`prefix.<n>.<field>`), in order, rows left wholly empty dropped. */
export function rowsOf<K extends string>(
  raw: Record<string, unknown>,
  prefix: string,
  keys: readonly K[],
  significant: readonly K[] = keys,
): Array<Record<K, string>> {
  const byIndex = new Map<number, Record<K, string>>();
  for (const [k, v] of Object.entries(raw)) {
    const m = new RegExp(`^${prefix}\\.(\\d{1,3})\\.([A-Za-z]+)$`).exec(k);
    if (!m || !(keys as readonly string[]).includes(m[2])) continue;
    const row = byIndex.get(Number(m[1])) ?? (Object.fromEntries(keys.map((x) => [x, ''])) as Record<K, string>);
    row[m[2] as K] = typeof v === 'string' ? v : '';
    byIndex.set(Number(m[1]), row);
    delete raw[k];
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, r]) => r)
    .filter((r) => significant.some((k) => r[k].trim() !== ''));
}

/** Rows as a form's values (`prefix.<n>.<field>`). */
export function rowValues(prefix: string, rows: Array<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) out[`${prefix}.${i}.${k}`] = v;
  });
  return out;
}

/** How many rows a repeated group shows: those given and one empty, at least `min`. */
export function rowCount(given: number, min = 1): number {
  return Math.max(given + 1, min);
}

/** The city's share asked for, against what the programme has left (both grosze). */
export function shareCheck(cityShareTotal: number, remaining: number): { fits: boolean; over: number } {
  return { fits: cityShareTotal <= remaining, over: Math.max(0, cityShareTotal - remaining) };
}
