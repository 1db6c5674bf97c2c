import { PabulibFormatError } from './pabulib.errors';
import { parsePabulib } from './pabulib.reader';
import { writePabulib } from './pabulib.writer';
import { ballotField, metaValue } from './election';

const SAMPLE = [
  'META',
  'key;value',
  'description;District PB in Gdańsk, Śródmieście',
  'num_projects;3',
  'num_votes;3',
  'budget;2838616.34',
  'vote_type;cumulative',
  'rule;greedy',
  'comment;"#1: a ""quoted"" remark; with a semicolon"',
  'PROJECTS',
  'project_id;cost;votes;score;name;latitude;longitude',
  'BO.OM.97/24;200000.5;2;5;"16 Biskupia Górka - miejska przestrzeń rekreacyjna; II etap.";;',
  'c10;15;1;1;1,5 miliona złotych na drzewa;None;None',
  'M/01/X;300;1;3;"Park ""Zielony""";50.1;18.9',
  'VOTES',
  'voter_id;vote;points;age;sex',
  'v1;BO.OM.97/24,c10;4,1;33;F',
  'v2;BO.OM.97/24;1;;M',
  'v3;M/01/X;3;None;',
].join('\r\n'); // CRLF and no newline after the last row

describe('parsePabulib', () => {
  it('reads quoted fields, CRLF, string ids, decimal costs, None and empty values', () => {
    const e = parsePabulib(SAMPLE);
    expect(e.budget).toBe(283861634n);
    expect(e.voteType).toBe('cumulative');
    expect(metaValue(e, 'comment')).toBe('#1: a "quoted" remark; with a semicolon');
    expect(e.projects.map((p) => p.id)).toEqual(['BO.OM.97/24', 'c10', 'M/01/X']);
    expect(e.projects.map((p) => p.cost)).toEqual([20000050n, 1500n, 30000n]);
    expect(e.projects[0].name).toBe('16 Biskupia Górka - miejska przestrzeń rekreacyjna; II etap.');
    expect(e.projects[1].name).toBe('1,5 miliona złotych na drzewa');
    expect(e.projects[2].name).toBe('Park "Zielony"');
    expect(e.projects[1].fields.latitude).toBe('None');
    expect(e.ballots).toHaveLength(3);
    expect(e.ballots[0].projects).toEqual(['BO.OM.97/24', 'c10']);
    expect(e.ballots[0].points).toEqual([4, 1]);
    expect(ballotField(e, e.ballots[0], 'age')).toBe('33');
    expect(ballotField(e, e.ballots[2], 'sex')).toBe('');
  });

  it('reads LF files with a final newline the same as CRLF files without one', () => {
    const lf = parsePabulib(SAMPLE.replace(/\r\n/g, '\n') + '\n');
    expect(lf).toEqual(parsePabulib(SAMPLE));
  });

  it('accepts a quoted field that spans lines and keeps line numbers right after it', () => {
    const text = SAMPLE.replace('"Park ""Zielony"""', '"Park\nZielony"').replace('v3;M/01/X;3', 'v3;nope;3');
    expect(() => parsePabulib(text)).toThrow(/line 20: vote of voter "v3" names unknown project "nope"/);
  });

  it('writes a file that reads back to the same election', () => {
    const e = parsePabulib(SAMPLE);
    const again = parsePabulib(writePabulib(e));
    expect(again.budget).toBe(e.budget);
    expect(again.projects).toEqual(e.projects);
    expect(again.ballots).toEqual(e.ballots);
    expect(again.meta).toEqual(e.meta);
    expect(writePabulib(again)).toBe(writePabulib(e));
  });

  describe("quotes as Python's csv module reads them (how Pabulib's tools read real files)", () => {
    const withName = (name: string, edit: (s: string) => string = (s) => s) =>
      parsePabulib(edit(SAMPLE.replace('c10;15;1;1;1,5 miliona złotych na drzewa;None;None', `c10;15;1;1;${name};None;None`)));

    it('keeps a stray quote inside an unquoted field as a character (Częstochowa 2020 Błeszno, line 40)', () => {
      const e = withName('Konkurs " NA NAJŁADNIEJSZĄ ARANŻACJĘ OGRODU „ III edycja');
      expect(e.projects[1].name).toBe('Konkurs " NA NAJŁADNIEJSZĄ ARANŻACJĘ OGRODU „ III edycja');
      expect(e.projects[1].fields.latitude).toBe('None');
    });

    it('keeps two quotes inside an unquoted field as two characters', () => {
      expect(withName('Park x""y').projects[1].name).toBe('Park x""y');
    });

    it('reads a field that opens with a quoted part and goes on after it as the quoted text and the rest (Grabówka, line 29)', () => {
      const e = withName('"Odkupmy" i my - zakup koszy');
      expect(e.projects[1].name).toBe('Odkupmy i my - zakup koszy');
      expect(e.projects[1].fields.latitude).toBe('None');
    });

    it('after the closing quote, quotes are characters and "" inside the quoted part is one quote', () => {
      expect(withName('"x""y" z"w').projects[1].name).toBe('x"y z"w');
      expect(withName('"" reszta').projects[1].name).toBe(' reszta');
    });

    it('reads a quoted part that spans lines and goes on after it, and counts lines right after it', () => {
      const text = SAMPLE.replace('1,5 miliona złotych na drzewa', '"1,5 miliona\nna drzewa" i krzewy').replace('v3;M/01/X;3', 'v3;nope;3');
      expect(() => parsePabulib(text)).toThrow(/^line 20: vote of voter "v3" names unknown project "nope"/);
      const e = parsePabulib(SAMPLE.replace('1,5 miliona złotych na drzewa', '"1,5 miliona\nna drzewa" i krzewy'));
      expect(e.projects[1].name).toBe('1,5 miliona\nna drzewa i krzewy');
    });

    it('reads the quirks in VOTES rows too, and keeps the voter columns', () => {
      const e = parsePabulib(SAMPLE.replace('v2;BO.OM.97/24;1;;M', 'v2;BO.OM.97/24;1;3"3;"M" z'));
      expect(e.ballots[1].projects).toEqual(['BO.OM.97/24']);
      expect(ballotField(e, e.ballots[1], 'age')).toBe('3"3');
      expect(ballotField(e, e.ballots[1], 'sex')).toBe('M z');
    });

    it('still counts the fields of a row with a quirk: a ";" after a closing quote starts a new field', () => {
      let error: unknown;
      try {
        withName('"Odkupmy" i my; - zakup koszy');
      } catch (e) {
        error = e;
      }
      expect((error as PabulibFormatError).message).toBe('line 13: PROJECTS row has 8 fields, the header has 7');
    });

    it('still rejects an unknown project and a bad amount on a row with a quirk', () => {
      expect(() => parsePabulib(SAMPLE.replace('v2;BO.OM.97/24;1;;M', 'v2;BO.OM.98/24;1;3"3;M'))).toThrow(
        /^line 18: vote of voter "v2" names unknown project "BO.OM.98\/24"$/,
      );
      expect(() => withName('Konkurs " NA', (s) => s.replace('c10;15;', 'c10;"15" zł;'))).toThrow(
        /^line 13: cost of project "c10" is not a non-negative amount with at most 2 decimals: "15 zł"$/,
      );
    });

    it('writes RFC 4180 quotes, and reading the written file gives the same election', () => {
      const e = parsePabulib(
        SAMPLE.replace('1,5 miliona złotych na drzewa', 'Konkurs " NA „ III edycja').replace('v2;BO.OM.97/24;1;;M', 'v2;BO.OM.97/24;1;3"3;"M" z'),
      );
      const written = writePabulib(e);
      expect(written).toContain('\nc10;15;1;1;"Konkurs "" NA „ III edycja";None;None\n');
      expect(written).toContain('\nv2;BO.OM.97/24;1;"3""3";M z\n');
      const again = parsePabulib(written);
      expect(again.projects).toEqual(e.projects);
      expect(again.ballots.map((b) => b.values)).toEqual(e.ballots.map((b) => b.values));
      expect(writePabulib(again)).toBe(written);
    });
  });

  const broken: Array<[string, (s: string) => string, number, RegExp]> = [
    ['a file not starting with META', (s) => s.replace('META\r\n', ''), 1, /expected the section name META/],
    ['VOTES before PROJECTS', (s) => s.replace('PROJECTS\r\n', 'VOTES\r\n'), 10, /section VOTES found where section PROJECTS was expected/],
    ['a repeated section', (s) => s + '\r\nMETA', 20, /section META appears again after VOTES/],
    ['a missing VOTES section', (s) => s.slice(0, s.indexOf('VOTES')), 15, /file ends before section VOTES/],
    ['a row with too many fields', (s) => s.replace('v2;BO.OM.97/24;1;;M', 'v2;BO.OM.97/24;1;;M;x'), 18, /VOTES row has 6 fields, the header has 5/],
    ['a row with too few fields', (s) => s.replace('c10;15;1;1;', 'c10;15;1;'), 13, /PROJECTS row has 6 fields, the header has 7/],
    ['an unknown project in a vote', (s) => s.replace('v2;BO.OM.97/24;', 'v2;BO.OM.98/24;'), 18, /names unknown project "BO.OM.98\/24"/],
    ['a bad cost', (s) => s.replace('c10;15;', 'c10;1,5;'), 13, /cost of project "c10" is not a non-negative amount/],
    ['a cost with three decimals', (s) => s.replace('c10;15;', 'c10;15.001;'), 13, /at most 2 decimals/],
    ['a bad budget', (s) => s.replace('budget;2838616.34', 'budget;lots'), 6, /budget is not a non-negative amount/],
    ['bad points', (s) => s.replace('v2;BO.OM.97/24;1;', 'v2;BO.OM.97/24;x;'), 18, /points of voter "v2" must be non-negative integers/],
    ['points not matching the vote', (s) => s.replace('v1;BO.OM.97/24,c10;4,1;', 'v1;BO.OM.97/24,c10;4;'), 17, /2 projects in vote but 1 value in points/],
    ['a wrong num_votes', (s) => s.replace('num_votes;3', 'num_votes;4'), 5, /num_votes is 4 but the file has 3/],
    ['an unknown vote_type', (s) => s.replace('vote_type;cumulative', 'vote_type;borda'), 7, /unknown vote_type "borda"/],
    ['a duplicate project', (s) => s.replace('c10;15;', 'BO.OM.97/24;15;'), 13, /project "BO.OM.97\/24" is listed twice/],
    ['a duplicate voter', (s) => s.replace('v3;M/01/X', 'v1;M/01/X'), 19, /voter "v1" votes twice/],
    ['a blank line', (s) => s.replace('PROJECTS\r\n', 'PROJECTS\r\n\r\n'), 11, /blank line/],
    ['an unclosed quote', (s) => s + '\r\nv4;"c10;1;;', 20, /quoted field is not closed/],
  ];

  it.each(broken)('rejects %s with the line number', (_name, edit, line, message) => {
    let error: unknown;
    try {
      parsePabulib(edit(SAMPLE));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PabulibFormatError);
    expect((error as PabulibFormatError).line).toBe(line);
    expect((error as PabulibFormatError).message).toMatch(new RegExp(`^line ${line}: `));
    expect((error as PabulibFormatError).message).toMatch(message);
  });
});
