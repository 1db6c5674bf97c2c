import { format, zonedDate, zonedInstant, type Text } from '@civitas/common';
import type { FieldLabels, FormBody, FormState } from '@civitas/web';
import type { ConsultationStatus } from '../consultation-status';
import type { Consultation } from '../consultations.service';
import type { ConsultationDocument } from '../documents.service';
import { MD } from './manage-desk.texts';

export const managePath = (id: string) => `/desk/consultations/${id}`;

/** A consultation is changed as a whole while a draft; once announced or open, its texts and closing date only. */
export const RUNNING: readonly ConsultationStatus[] = ['announced', 'open'];

export const CONSULTATION_LABELS: FieldLabels = {
  title: MD.title,
  summary: MD.summary,
  body: MD.body,
  topic: MD.topic,
  organiserUnit: MD.organiserUnit,
  contact: MD.contact,
  areaIds: MD.areaIds,
  audience: MD.audience,
  moderation: MD.moderation,
  surveyAccess: MD.surveyAccess,
  minNoticeDays: MD.minNoticeDays,
  opensAt: MD.opensAt,
  closesAt: MD.closesAt,
};

/** What a date that does not exist becomes, so that the DTO refuses it (the form shows what was typed). */
const NOT_A_DATE = 'not-a-date';

const WALL = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})\s*$/;

/**
 * A date and time typed in Warsaw time ("2027-03-01 09:00") as the API's ISO 8601 instant. Anything else is passed
 * on as typed, so the API's DTO refuses it with its own words.
 */
export function wallToIso(typed: string): string {
  const m = WALL.exec(typed);
  if (!m) return typed;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return NOT_A_DATE;
  const instant = zonedInstant(y, mo, d, h, mi);
  // A day that does not exist (30 February) comes back as another date.
  if (zonedDate(instant) !== `${m[1]}-${m[2]}-${m[3]}`) return NOT_A_DATE;
  return instant.toISOString();
}

/** An instant as the form shows it: Warsaw time, "2027-03-01 09:00". */
export function isoToWall(d: Date | null): string {
  if (!d) return '';
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(d);
  return `${zonedDate(d)} ${time}`;
}

/** The consultation form's body as the API's DTO wants it: dates as instants, the notice as a number. */
export function consultationInput(raw: FormBody, current: Consultation | null): FormBody {
  const out: FormBody = { ...raw };
  for (const k of ['opensAt', 'closesAt'] as const) {
    // Shown to the minute: a date left as shown is not changed (its seconds are kept).
    if (current && typeof out[k] === 'string' && (out[k] as string).trim() === isoToWall(current[k])) delete out[k];
    else if (typeof out[k] === 'string' && out[k] !== '') out[k] = wallToIso(out[k] as string);
  }
  if (typeof out.minNoticeDays === 'string' && /^\d{1,4}$/.test(out.minNoticeDays)) out.minNoticeDays = Number(out.minNoticeDays);
  return out;
}

/** The form's values of a consultation (to change it). */
export function consultationValues(c: Consultation): FormState['values'] {
  return {
    title: c.title,
    summary: c.summary,
    body: c.body,
    topic: c.topic,
    organiserUnit: c.organiserUnit,
    contact: c.contact,
    areaIds: c.areaIds,
    audience: c.audience,
    moderation: c.moderation,
    surveyAccess: c.surveyAccess,
    minNoticeDays: String(c.minNoticeDays),
    opensAt: isoToWall(c.opensAt),
    closesAt: isoToWall(c.closesAt),
  };
}

const SECTION_FIELDS = ['key', 'heading', 'body'] as const;

/** The labels of the document form's rows ("Key of section 2"). */
export function documentLabels(rows: number): FieldLabels {
  const out: FieldLabels = { note: MD.note, sections: MD.documentTitle };
  const of: Record<(typeof SECTION_FIELDS)[number], Text> = { key: MD.keyOf, heading: MD.headingOf, body: MD.bodyOf };
  for (let i = 0; i < rows; i++)
    for (const f of SECTION_FIELDS) out[`sections.${i}.${f}`] = { pl: format(of[f].pl, { n: i + 1 }), en: format(of[f].en, { n: i + 1 }) };
  return out;
}

/** How many section rows the submitted form has (`sections.<i>.<field>`). */
export function documentRows(raw: FormBody): number {
  let n = 0;
  for (const k of Object.keys(raw)) {
    const m = /^sections\.(\d{1,3})\.(key|heading|body)$/.exec(k);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

/**
 * The document form as the API's body: the note and the sections in order, rows left wholly empty dropped (that is
 * how a section is removed). Returns the sections' original row numbers too, so problems are put on the right row.
 */
export function documentInput(raw: FormBody): { body: { note?: unknown; sections: Array<Record<string, unknown>> }; rows: number[] } {
  const sections: Array<Record<string, unknown>> = [];
  const rows: number[] = [];
  for (let i = 0; i < documentRows(raw); i++) {
    const s: Record<string, unknown> = {};
    for (const f of SECTION_FIELDS) if (raw[`sections.${i}.${f}`] !== undefined) s[f] = raw[`sections.${i}.${f}`];
    if (SECTION_FIELDS.every((f) => typeof s[f] !== 'string' || !(s[f] as string).trim())) continue;
    sections.push(s);
    rows.push(i);
  }
  const note = raw.note;
  return { body: { ...(note !== undefined && note !== '' ? { note } : {}), sections }, rows };
}

/** The document's current version as the form's rows. */
export function documentValues(doc: ConsultationDocument): FormState['values'] {
  const values: FormState['values'] = {};
  doc.sections.forEach((s, i) => {
    values[`sections.${i}.key`] = s.key;
    values[`sections.${i}.heading`] = s.heading;
    values[`sections.${i}.body`] = s.body;
  });
  return values;
}
