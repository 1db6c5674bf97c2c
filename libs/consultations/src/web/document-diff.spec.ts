import { diffVersions, type DiffSection } from './document-diff';

const s = (id: string, key: string, body: string, heading = ''): DiffSection => ({ id, key, position: 0, heading, body });

describe('diffVersions', () => {
  it('marks added, changed, unchanged and removed sections', () => {
    const v1 = [s('a', '§ 1', 'one'), s('b', '§ 2', 'two'), s('c', '§ 3', 'three')];
    const v2 = [s('a', '§ 1', 'one'), s('b', '§ 2', 'two, amended'), s('d', '§ 4', 'four')];
    const d = diffVersions(v1, v2);
    expect([...d.changes.entries()].map(([id, x]) => [id, x.change])).toEqual([
      ['a', 'unchanged'],
      ['b', 'changed'],
      ['d', 'added'],
    ]);
    expect(d.changes.get('b')!.before!.body).toBe('two');
    expect(d.changes.get('d')!.before).toBeNull();
    expect(d.removed.map((x) => x.key)).toEqual(['§ 3']);
  });

  it('tells a moved section from a changed one, and a new heading is a change', () => {
    const v1 = [s('a', '§ 1', 'one'), s('b', '§ 2', 'two')];
    const v2 = [s('b', '§ 2', 'two'), s('a', '§ 1', 'one', 'Title')];
    const d = diffVersions(v1, v2);
    expect(d.changes.get('b')!.change).toBe('moved');
    expect(d.changes.get('a')!.change).toBe('changed');
  });

  it('a section inserted before others does not make them moved', () => {
    const v1 = [s('a', '§ 1', 'one'), s('b', '§ 2', 'two')];
    const v2 = [s('n', '§ 0', 'new'), s('a', '§ 1', 'one'), s('b', '§ 2', 'two')];
    const d = diffVersions(v1, v2);
    expect(d.changes.get('a')!.change).toBe('unchanged');
    expect(d.changes.get('b')!.change).toBe('unchanged');
    expect(d.changes.get('n')!.change).toBe('added');
    expect(d.removed).toEqual([]);
  });
});
