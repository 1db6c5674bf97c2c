import type { Report, ReportComment } from '../report.service';
import { nextToAnswer, reportSections } from './report-desk.model';

const comment = (number: number, sectionKey: string | null, status: ReportComment['status'] = 'visible', answered = false): ReportComment =>
  ({
    number,
    id: `c${number}`,
    sectionKey,
    status,
    response: answered ? { verdict: 'accepted', label: { pl: '', en: '' }, justification: 'x', respondedAt: new Date() } : null,
  }) as ReportComment;

const report = (comments: ReportComment[]): Report =>
  ({
    comments,
    participation: {
      bySection: [
        { sectionId: 's1', key: '§ 1', comments: 0 },
        { sectionId: 's9', key: '§ 9', comments: 0 },
      ],
    },
  }) as unknown as Report;

const doc = [
  { id: 's1', key: '§ 1', heading: 'A', bodyHtml: '' },
  { id: 's2', key: '§ 2', heading: 'B', bodyHtml: '' },
];

describe('the report at the desk', () => {
  it('groups comments in the document’s order, a removed section after, the whole last; hidden ones need no response', () => {
    const r = report([comment(1, null), comment(2, '§ 9', 'visible', true), comment(3, '§ 1'), comment(4, '§ 1', 'hidden')]);
    const s = reportSections(r, doc);
    expect(s.map((x) => [x.slug, x.key, x.answered, x.total])).toEqual([
      ['s1', '§ 1', 0, 1],
      ['s9', '§ 9', 1, 1],
      ['general', null, 0, 1],
    ]);
    expect(s[1].doc).toBeNull();
  });

  it('the next comment to answer follows the work order, wraps round, and skips answered, hidden and pending ones', () => {
    const s = reportSections(report([comment(1, null), comment(2, '§ 1', 'pending'), comment(3, '§ 1'), comment(4, '§ 1', 'visible', true)]), doc);
    expect(nextToAnswer(s)?.id).toBe('c3');
    expect(nextToAnswer(s, 'c3')?.id).toBe('c1');
    expect(nextToAnswer(s, 'c1')?.id).toBe('c3');
    const done = reportSections(report([comment(1, null, 'visible', true)]), doc);
    expect(nextToAnswer(done, 'c1')).toBeNull();
  });
});
