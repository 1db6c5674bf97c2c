import { consultationInput, documentInput, isoToWall, wallToIso } from './manage-desk.model';

describe('the consultation forms at the desk', () => {
  it('reads Warsaw wall time as the instant, summer and winter, and leaves anything else for the DTO to refuse', () => {
    expect(wallToIso('2027-03-01 09:00')).toBe('2027-03-01T08:00:00.000Z');
    expect(wallToIso('2027-07-01 09:00')).toBe('2027-07-01T07:00:00.000Z');
    expect(wallToIso('2027-07-01T9:30')).toBe('2027-07-01T07:30:00.000Z');
    expect(wallToIso('2027-02-30 10:00')).toBe('not-a-date');
    expect(wallToIso('2027-13-01 10:00')).toBe('not-a-date');
    expect(wallToIso('jutro')).toBe('jutro');
    expect(isoToWall(new Date('2027-10-31T00:30:00Z'))).toBe('2027-10-31 02:30');
    expect(isoToWall(null)).toBe('');
  });

  it('keeps a date left as shown (its seconds) and makes the notice a number', () => {
    const current = { opensAt: new Date('2027-03-01T08:00:42Z'), closesAt: new Date('2027-03-31T16:00:00Z') } as never;
    expect(consultationInput({ opensAt: '2027-03-01 09:00', closesAt: '2027-04-30 18:00', minNoticeDays: '7' }, current)).toEqual({
      closesAt: '2027-04-30T16:00:00.000Z',
      minNoticeDays: 7,
    });
    expect(consultationInput({ minNoticeDays: 'siedem' }, null)).toEqual({ minNoticeDays: 'siedem' });
  });

  it('drops the document rows left empty and remembers the rows of the others', () => {
    const { body, rows } = documentInput({
      'sections.0.key': '§ 1',
      'sections.0.body': 'Tekst',
      'sections.1.key': ' ',
      'sections.1.heading': '',
      'sections.1.body': '',
      'sections.2.key': '§ 3',
      'sections.2.body': 'Inny',
      note: '',
    });
    expect(body).toEqual({
      sections: [
        { key: '§ 1', body: 'Tekst' },
        { key: '§ 3', body: 'Inny' },
      ],
    });
    expect(rows).toEqual([0, 2]);
  });
});
