import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../command';
import { parseTallyArgs, tallyCommand } from './tally.command';
import { setInvocationDir } from '../invocation';

const PABULIB = process.env.PABULIB_DIR ?? resolve(__dirname, '../../../../../shared/pabulib');

const SMALL = `META
key;value
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name
A;60;Park
B;50;"Plac; zabaw"
C;40;Ławki
VOTES
voter_id;vote
1;A,B
2;A,C
3;B
`;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await tallyCommand.run(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('tally command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'civitas-tally-'));
  const small = join(dir, 'small.pb');
  writeFileSync(small, SMALL);
  beforeAll(() => setInvocationDir(dir));
  afterAll(() => setInvocationDir(process.cwd()));

  describe('arguments', () => {
    it('reads the file, rule, seed and flags', () => {
      expect(parseTallyArgs(['x.pb', '--rule', 'equalshares/add1', '--seed=abc', '--json'])).toMatchObject({
        file: 'x.pb',
        rule: 'equalshares/add1',
        seed: 'abc',
        json: true,
      });
      expect(parseTallyArgs(['--exclude', 'a,b', 'x.pb', '--exclude=c,d,e', '--threshold', '50'])).toMatchObject({
        exclusions: [
          ['a', 'b'],
          ['c', 'd', 'e'],
        ],
        threshold: 50,
      });
    });

    it.each([
      [['x.pb', '--rule', 'borda'], /unknown rule "borda"/],
      [[], /missing FILE.pb/],
      [['a.pb', 'b.pb'], /expected one file/],
      [['x.pb', '--bogus'], /unknown option --bogus/],
      [['x.pb', '--seed'], /--seed needs a value/],
      [['x.pb', '--threshold', 'many'], /--threshold must be a non-negative number/],
      [['x.pb', '--exclude', 'a'], /at least two project ids/],
      [['x.pb', '--top-up', '0'], /--top-up must be a percentage above 0 and at most 100/],
      [['x.pb', '--top-up', '100.5'], /--top-up must be a percentage above 0 and at most 100/],
      [['x.pb', '--top-up', 'most'], /--top-up must be a percentage/],
      [['x.pb', '--top-up', '80.125'], /with at most 2 decimals, got "80.125"/],
      [['x.pb', '--rule', 'greedy-custom'], /Poznań: --rule greedy-no-skip --top-up 80/],
    ])('rejects %j', (args, message) => {
      expect(() => parseTallyArgs(args)).toThrow(UsageError);
      expect(() => parseTallyArgs(args)).toThrow(message);
    });
  });

  it('prints one JSON object with the result, resolving the file against the invocation directory', async () => {
    const { code, stdout } = await run(['small.pb', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // Scores A 2, B 2, C 1; A and B tie on score, B is cheaper: B (50), then A does not fit (60 > 50), C (40).
    expect(json).toMatchObject({ rule: 'greedy', budget: '100.00', budgetGrosze: '10000', selected: ['B', 'C'], spent: '90.00', spentGrosze: '9000' });
    expect(json.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.projects.find((p: { id: string }) => p.id === 'A').reason).toMatchObject({ code: 'did-not-fit' });
    expect(json.tieBreaks[0]).toMatchObject({ winner: 'B', loser: 'A', criterion: 'cost' });
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('takes --rule over the META rule', async () => {
    const { stdout } = await run([small, '--rule', 'greedy-no-skip', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ rule: 'greedy-no-skip', selected: ['B'] });
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await run([small]);
    expect(code).toBe(0);
    expect(stdout).toContain('rule greedy (approval ballots)');
    expect(stdout).toContain('budget 100.00 PLN, spent 90.00 PLN, left 10.00 PLN');
    expect(stdout).toMatch(/selected \(2\):/);
    expect(stdout).toContain('did not fit: costs 60.00 PLN, only 50.00 PLN left');
  });

  it('fails with the line number on a malformed file', async () => {
    const bad = join(dir, 'bad.pb');
    writeFileSync(bad, SMALL.replace('3;B', '3;Z'));
    const { code, stdout, stderr } = await run([bad, '--json']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('line 15: vote of voter "3" names unknown project "Z"');
  });

  it('fails clearly on a missing file', async () => {
    const { code, stderr } = await run([join(dir, 'none.pb')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot read .*none\.pb: ENOENT/);
  });

  it('fails with exit code 2 when the file has no rule and none is given', async () => {
    const norule = join(dir, 'norule.pb');
    writeFileSync(norule, SMALL.replace('rule;greedy\n', ''));
    const { code, stderr } = await run([norule]);
    expect(code).toBe(2);
    expect(stderr).toContain('no rule given and the file has no META rule');
  });

  it('reads --top-up as a percentage', () => {
    expect(parseTallyArgs(['x.pb', '--top-up', '80'])).toMatchObject({ topUpPercent: 80 });
    expect(parseTallyArgs(['x.pb', '--top-up=79.5%'])).toMatchObject({ topUpPercent: 79.5 });
  });

  it('refuses --top-up with a rule other than greedy-no-skip, in Polish and English, exit code 2', async () => {
    const { code, stdout, stderr } = await run([small, '--top-up', '80']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('dopłata z rezerwy dotyczy tylko reguły greedy-no-skip, nie reguły greedy');
    expect(stderr).toContain('the top-up from a reserve applies only to greedy-no-skip, not to greedy');
  });

  describe("Poznań's rule (Pabulib greedy-custom)", () => {
    const piatkowo = join(PABULIB, 'Poland_Poznan_2023_3_-_Piatkowo_Polnoc_Piatkowo.pb');

    it('a greedy-custom file without --rule says which rules and options run it, exit code 2', async () => {
      const { code, stdout, stderr } = await run([piatkowo]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('rule "greedy-custom" is Pabulib\'s name for a city\'s own greedy procedure');
      expect(stderr).toContain('greedy-no-skip with a top-up from a reserve (Poznań: --rule greedy-no-skip --top-up 80)');
      expect(stderr).toContain('reguła „greedy-custom” to w Pabulib nazwa własnej procedury zachłannej miasta');
      expect(stderr).not.toMatch(/unknown rule/);
    });

    it('--top-up 80 reproduces Piątkowo: III.1 (selected = 2) is in selected and under topUp, the reserve apart from spent', async () => {
      const { code, stdout } = await run([piatkowo, '--rule', 'greedy-no-skip', '--top-up', '80', '--json']);
      expect(code).toBe(0);
      const json = JSON.parse(stdout);
      expect(json.selected).toEqual(['III.5', 'III.1']);
      expect(json.topUpPercent).toBe(80);
      expect(json.topUp).toEqual({
        project: 'III.1',
        fromBudget: '656850.00',
        fromBudgetGrosze: '65685000',
        reserve: '143150.00',
        reserveGrosze: '14315000',
      });
      expect(json).toMatchObject({ budget: '1140000.00', spent: '1140000.00', left: '0.00' });
      const iii1 = json.projects.find((p: { id: string }) => p.id === 'III.1');
      expect(iii1).toMatchObject({ selected: true, position: 2, reason: { code: 'selected-top-up' } });
      expect(iii1.reason.pl).toContain('143150.00 zł pochodzi z rezerwy');
    });

    it('the table names the topped-up project and the reserve', async () => {
      const { code, stdout } = await run([piatkowo, '--rule', 'greedy-no-skip', '--top-up', '80']);
      expect(code).toBe(0);
      expect(stdout).toContain('rule greedy-no-skip (approval ballots), top-up at 80 %');
      expect(stdout).toContain('budget 1140000.00 PLN, spent 1140000.00 PLN, left 0.00 PLN');
      expect(stdout).toContain('top-up: III.1 gets 656850.00 PLN from the budget and 143150.00 PLN from the reserve (not in spent)');
      expect(stdout).toMatch(/ 2 {2}III\.1 .*Rowerowe Piątkowo\. Pakiet usprawnień przy PST \[top-up: 143150\.00 PLN from the reserve\]/);
    });
  });

  it('recounts a real election: Świecie 2023 with Equal Shares (add1)', async () => {
    const file = join(PABULIB, 'Poland_Swiecie_2023.pb');
    const { code, stdout } = await run([file, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const official = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^c\d+;/.test(l) && l.trim().endsWith(';1'))
      .map((l) => l.split(';')[0]);
    expect(json.rule).toBe('equalshares/add1');
    expect([...json.selected].sort()).toEqual([...official].sort());
    expect(json.mes.perVoterBudget.grosze).toMatch(/^\d+$/);
  });
});
