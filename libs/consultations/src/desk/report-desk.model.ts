import type { Report, ReportComment } from '../report.service';

/** A section of the document as the desk's report pages know it (the current version's, if it is still there). */
export interface DocSection {
  id: string;
  key: string;
  heading: string;
  bodyHtml: string;
}

/** The comments of one section (or of the whole document), with the section's progress. */
export interface ReportSection {
  /** The address's part: the section's id, or `general` for comments on the whole. */
  slug: string;
  key: string | null;
  doc: DocSection | null;
  comments: ReportComment[];
  /** Comments that need a response (every one not hidden). */
  total: number;
  answered: number;
}

export const GENERAL = 'general';

/** Whether a comment needs a response and has none (hidden ones need none; pending ones wait for moderation first). */
export const unanswered = (x: ReportComment): boolean => x.status !== 'hidden' && !x.response;

/** Whether the official can answer it now. */
export const answerable = (x: ReportComment): boolean => x.status === 'visible' && !x.response;

/**
 * The report's comments by section, in the document's order (sections no longer in the document after them, then
 * the comments on the whole), each section's comments in their report order.
 */
export function reportSections(report: Report, doc: DocSection[]): ReportSection[] {
  const groups = new Map<string | null, ReportComment[]>();
  const order = doc.map((s) => s.key);
  for (const x of report.comments) {
    if (x.sectionKey !== null && !order.includes(x.sectionKey)) order.push(x.sectionKey);
    groups.set(x.sectionKey, [...(groups.get(x.sectionKey) ?? []), x]);
  }
  const ids = new Map(report.participation.bySection.map((s) => [s.key, s.sectionId]));
  const keys: Array<string | null> = [...order.filter((k) => groups.has(k)), ...(groups.has(null) ? [null] : [])];
  return keys.map((key) => {
    const comments = groups.get(key) ?? [];
    const d = key === null ? null : (doc.find((s) => s.key === key) ?? null);
    const needing = comments.filter((x) => x.status !== 'hidden');
    return {
      slug: key === null ? GENERAL : (d?.id ?? ids.get(key) ?? GENERAL),
      key,
      doc: d,
      comments,
      total: needing.length,
      answered: needing.filter((x) => !!x.response).length,
    };
  });
}

/** Every comment in the order the desk works through them (section by section). */
export function inWorkOrder(sections: ReportSection[]): ReportComment[] {
  return sections.flatMap((s) => s.comments);
}

/** The next comment to answer after the given one (wrapping round to the start), or the first when none is given. */
export function nextToAnswer(sections: ReportSection[], afterId?: string): ReportComment | null {
  const all = inWorkOrder(sections);
  const at = afterId ? all.findIndex((x) => x.id === afterId) : -1;
  const rotated = [...all.slice(at + 1), ...all.slice(0, at + 1)];
  return rotated.find((x) => answerable(x) && x.id !== afterId) ?? null;
}

export const reportPath = (id: string) => `/desk/consultations/${id}/report`;
export const sectionPath = (id: string, slug: string) => `/desk/consultations/${id}/report/sections/${slug}`;
export const commentPath = (id: string, commentId: string) => `/desk/consultations/${id}/report/comments/${commentId}`;
