import { coordinateOf, parseZloty, taskStatuses, zlotyInput, type TaskInput } from './submit.model';

describe('amounts typed in złoty', () => {
  it.each([
    ['1500', 150_000],
    ['1 500', 150_000],
    ['1\u00a0500,5', 150_050],
    ['1500,50', 150_050],
    ['1500.5', 150_050],
    ['1.500.000', 150_000_000],
    ['1.500,50', 150_050],
    ['1,500.50', 150_050],
    ['1,500,000', 150_000_000],
    ['12 000 zł', 1_200_000],
    ['0,01', 1],
    ['90071992547409,91', Number.MAX_SAFE_INTEGER],
  ])('reads %j as %i grosze', (raw, grosze) => expect(parseZloty(raw)).toEqual({ grosze }));

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['1,500', 'format'],
    ['12.345', 'format'],
    ['1,505', 'format'],
    ['1500,505', 'format'],
    ['-5', 'format'],
    ['1e9', 'format'],
    ['abc', 'format'],
    ['0', 'zero'],
    ['0,00', 'zero'],
    ['90071992547409,92', 'too_large'],
    ['9'.repeat(400), 'too_large'],
  ])('refuses %j (%s)', (raw, problem) => expect(parseZloty(raw)).toEqual({ problem }));

  it('writes grosze back as a person types them, in each language', () => {
    expect(zlotyInput(150_000, 'pl')).toBe('1500');
    expect(zlotyInput(150_050, 'pl')).toBe('1500,50');
    expect(zlotyInput(150_005, 'en')).toBe('1500.05');
    for (const g of [1, 99, 100, 123_456_789]) expect(parseZloty(zlotyInput(g, 'pl'))).toEqual({ grosze: g });
  });

  it('coordinates: a decimal comma or point becomes a number; anything else stays for the DTO to refuse', () => {
    expect(coordinateOf('54,4065')).toBe(54.4065);
    expect(coordinateOf(' -18.5 ')).toBe(-18.5);
    expect(coordinateOf('1e400')).toBe('1e400');
    expect(coordinateOf('9'.repeat(400))).toBe('9'.repeat(400));
    expect(coordinateOf(['1'])).toEqual(['1']);
  });
});

describe('the task list’s statuses', () => {
  const base: TaskInput = {
    project: {
      title: 'T',
      categoryId: null,
      areaId: null,
      summary: '',
      description: '',
      justification: '',
      beneficiaries: '',
      address: '',
      latitude: null,
      longitude: null,
      costItems: [],
      totalCost: 0,
      attachments: [],
      authors: [{}],
    },
    rules: { requiredFields: ['summary', 'description', 'area'] },
    pool: { amount: 100_000_00, minCost: 1000_00, maxCost: null, minCostBp: null, maxCostBp: 5000, areaId: null },
    pendingInvitations: 0,
  };
  const with_ = (p: Partial<TaskInput['project']>, o: Partial<TaskInput> = {}): TaskInput => ({ ...base, ...o, project: { ...base.project, ...p } });

  it('a new draft: basics in progress (the area is required), the rest not started, the check cannot start', () => {
    expect(taskStatuses(base)).toEqual({
      basics: 'in_progress',
      description: 'not_started',
      location: 'not_started',
      costs: 'not_started',
      attachments: 'not_started',
      authors: 'not_started',
      check: 'cannot_start',
    });
  });

  it('sections complete when their required fields are filled; optional sections never block the check', () => {
    const done = with_({
      areaId: 'a',
      summary: 's',
      description: 'd',
      costItems: [{}],
      totalCost: 2000_00,
    });
    expect(taskStatuses(done)).toMatchObject({
      basics: 'completed',
      description: 'completed',
      location: 'not_started',
      costs: 'completed',
      check: 'not_started',
    });
    // A begun optional section that is half done blocks nothing, unless a field of it is half given (one coordinate).
    expect(taskStatuses({ ...done, project: { ...done.project, latitude: 54 } })).toMatchObject({ location: 'in_progress', check: 'cannot_start' });
    expect(taskStatuses({ ...done, project: { ...done.project, summary: ' ' } })).toMatchObject({ description: 'in_progress', check: 'cannot_start' });
  });

  it('costs: completed only within the pool’s limits (the stricter of absolute and relative)', () => {
    const p = { areaId: 'a', costItems: [{}] };
    expect(taskStatuses(with_({ ...p, totalCost: 999_99 })).costs).toBe('in_progress');
    expect(taskStatuses(with_({ ...p, totalCost: 1000_00 })).costs).toBe('completed');
    expect(taskStatuses(with_({ ...p, totalCost: 50_000_00 })).costs).toBe('completed');
    expect(taskStatuses(with_({ ...p, totalCost: 50_000_01 })).costs).toBe('in_progress');
  });

  it('a district pool makes the area required; co-authors are in progress while invitations wait', () => {
    const district = { ...base.pool!, areaId: 'd' };
    expect(taskStatuses(with_({}, { rules: { requiredFields: [] }, pool: district })).basics).toBe('in_progress');
    expect(taskStatuses(with_({}, { rules: { requiredFields: [] }, pool: { ...district, areaId: null } })).basics).toBe('completed');
    expect(taskStatuses(with_({}, { pendingInvitations: 1 })).authors).toBe('in_progress');
    expect(taskStatuses(with_({ authors: [{}, {}] })).authors).toBe('completed');
    expect(taskStatuses(with_({ attachments: [{}] })).attachments).toBe('completed');
  });
});
