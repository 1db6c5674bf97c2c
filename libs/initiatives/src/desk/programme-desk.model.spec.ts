import { onFormRow, programmeInput, programmeValues, rowCounts } from './programme-desk.model';

describe('the programme form (desk)', () => {
  const stored = {
    id: 'p',
    year: 2031,
    intake: 'windows' as const,
    windows: [{ opensOn: '2031-03-01', closesOn: '2031-03-31' }],
    allocation: 15_000_050,
    minApplicants: 3,
    criteria: [
      { key: 'volunteer', namePl: 'Praca', nameEn: 'Work', weight: 1, maxPoints: 10, volunteerWork: true },
      { key: 'quality', namePl: 'Jakość', nameEn: 'Quality', weight: 1.5, maxPoints: 5, volunteerWork: false },
    ],
    correctionDays: 7,
    volunteerHourValue: 3_550,
    remaining: 15_000_050,
  };

  it('shows a stored programme as typed (złoty, a decimal comma in Polish) and reads it back unchanged', () => {
    const values = programmeValues(stored, 'pl');
    expect(values).toMatchObject({ allocation: '150000,50', volunteerHourValue: '35,50', 'criteria.1.weight': '1,5', volunteerCriterion: '0' });
    expect(rowCounts(values)).toEqual({ windows: 1, criteria: 2 });
    const { body, problems } = programmeInput(values as Record<string, unknown>, 'pl');
    expect(problems).toEqual([]);
    expect(body).toEqual({
      intake: 'windows',
      windows: stored.windows,
      allocation: 15_000_050,
      minApplicants: 3,
      correctionDays: 7,
      volunteerHourValue: 3_550,
      criteria: stored.criteria,
    });
  });

  it('leaves out empty rows and maps the API’s row numbers back to the form’s', () => {
    const { body, rows, problems } = programmeInput(
      {
        intake: 'continuous',
        'criteria.0.key': '',
        'criteria.1.key': 'a',
        'criteria.1.weight': 'dużo',
        'criteria.1.maxPoints': '3',
        'windows.0.opensOn': '2031-01-01',
        volunteerCriterion: '1',
      },
      'en',
    );
    expect(body.windows).toBeUndefined();
    expect(body.criteria).toEqual([{ key: 'a', namePl: '', nameEn: '', weight: 'dużo', maxPoints: 3, volunteerWork: true }]);
    expect(problems).toEqual([{ field: 'criteria.1.weight', text: 'Give a number, e.g. 3 or 1.5.' }]);
    expect(onFormRow('criteria.0.namePl', rows)).toBe('criteria.1.namePl');
    expect(onFormRow('criteria', rows)).toBe('volunteerCriterion');
    expect(onFormRow('windows', rows)).toBe('windows.0.opensOn');
    expect(onFormRow('allocation', rows)).toBe('allocation');
  });

  it('a new programme starts with the volunteer-work criterion chosen', () => {
    const values = programmeValues(null, 'en');
    expect(values).toMatchObject({ intake: 'continuous', 'criteria.0.key': 'volunteer', volunteerCriterion: '0' });
    expect(rowCounts(values)).toEqual({ windows: 0, criteria: 1 });
  });
});
