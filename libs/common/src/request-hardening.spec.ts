import { jsonDepthExceeds, malformedText } from './request-hardening';

describe('request hardening', () => {
  it('measures JSON nesting without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":{"b":{"c":1}}}', 3)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[[[[[[[' }), 2)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: 'say \\"[[[[[["' }), 2)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from('['.repeat(150_000)), 64)).toBe(true);
  });

  it('names every field holding a NUL character or a lone surrogate, by its path', () => {
    const problems = malformedText({ name: 'ok', items: [{ title: 'a\u0000' }, { title: 'b\ud800' }], fine: '😀 Łódź', ['k\u0000']: 1 });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['items.0.title', 'noControlCharacters'],
      ['items.1.title', 'wellFormedText'],
      ['k\\0', 'noControlCharacters'],
    ]);
    expect(problems[0].text.en).toBe('Field items.0.title contains a NUL character, which is not allowed.');
    expect(malformedText(Buffer.from([0, 0xd8]))).toEqual([]);
    expect(malformedText('x\u0000', 'q')[0].field).toBe('q');
  });
});
