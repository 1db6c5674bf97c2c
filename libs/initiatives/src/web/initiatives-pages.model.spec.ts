import { fieldHref, intOf, parseZloty, rowCount, rowsOf, rowValues, shareCheck, zlotyInput } from './initiatives-pages.model';

describe('initiatives pages: the model', () => {
  it('reads amounts typed in złoty as grosze; empty is zero', () => {
    expect(parseZloty('12 000')).toEqual({ grosze: 1_200_000 });
    expect(parseZloty('350,50')).toEqual({ grosze: 35_050 });
    expect(parseZloty('350.5')).toEqual({ grosze: 35_050 });
    expect(parseZloty('1.500,00 zł')).toEqual({ grosze: 150_000 });
    expect(parseZloty('12\u00a0000 PLN')).toEqual({ grosze: 1_200_000 });
    expect(parseZloty('')).toEqual({ grosze: 0 });
    expect(parseZloty('pięćset')).toEqual({ problem: 'format' });
    expect(parseZloty('-5')).toEqual({ problem: 'format' });
    expect(parseZloty('1,234')).toEqual({ problem: 'format' });
    expect(parseZloty('9999999999999')).toEqual({ problem: 'too_large' });
  });

  it('shows grosze for editing, in the page’s language', () => {
    expect(zlotyInput(35_050, 'pl')).toBe('350,50');
    expect(zlotyInput(35_050, 'en')).toBe('350.50');
    expect(zlotyInput(1_200_000, 'pl')).toBe('12000');
    expect(zlotyInput(0, 'pl')).toBe('');
    expect(parseZloty(zlotyInput(35_005, 'pl'))).toEqual({ grosze: 35_005 });
  });

  it('takes repeated rows in order, leaves out empty ones and removes their fields from the body', () => {
    const raw: Record<string, unknown> = {
      'schedule.2.from': '2027-06-01',
      'schedule.2.to': '2027-06-02',
      'schedule.2.activity': 'B',
      'schedule.0.from': '2027-05-01',
      'schedule.0.to': '',
      'schedule.0.activity': 'A',
      'schedule.1.from': '',
      'schedule.1.to': '',
      'schedule.1.activity': ' ',
      other: 'x',
    };
    const rows = rowsOf(raw, 'schedule', ['from', 'to', 'activity'] as const);
    expect(rows).toEqual([
      { from: '2027-05-01', to: '', activity: 'A' },
      { from: '2027-06-01', to: '2027-06-02', activity: 'B' },
    ]);
    expect(raw).toEqual({ other: 'x' });
    expect(rowValues('schedule', rows)).toMatchObject({ 'schedule.1.activity': 'B' });
    // A select always sends a value: only the significant fields make a row.
    expect(
      rowsOf(
        { 'cityShare.0.kind': 'services', 'cityShare.0.description': '', 'cityShare.0.value': '' },
        'cityShare',
        ['kind', 'description', 'value'] as const,
        ['description', 'value'],
      ),
    ).toEqual([]);
    expect(rowCount(0)).toBe(1);
    expect(rowCount(2, 3)).toBe(3);
    expect(rowCount(3, 3)).toBe(4);
  });

  it('links a problem to the part of the application where it is fixed', () => {
    expect(fieldHref('x', 'attachments')).toBe('/initiatives/x/edit/attachments#file');
    expect(fieldHref('x', 'applicants.2')).toBe('/initiatives/x/edit/applicants#applicants.2.firstName');
    expect(fieldHref('x', 'inKind.0.item')).toBe('/initiatives/x/edit/costs#inKind.0.item');
    expect(fieldHref('x', 'volunteerHours')).toBe('/initiatives/x/edit/costs#volunteerPeople');
    expect(fieldHref('x', 'unknown')).toBe('/initiatives/x/edit');
  });

  it('whole numbers and the city’s share against what is left', () => {
    expect(intOf('1 200')).toBe(1200);
    expect(intOf('sto')).toBe('sto');
    expect(shareCheck(100, 100)).toEqual({ fits: true, over: 0 });
    expect(shareCheck(150, 100)).toEqual({ fits: false, over: 50 });
  });
});
