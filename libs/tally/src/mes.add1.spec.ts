import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildElection } from './election-builder';
import { parsePabulib } from './pabulib.reader';
import { tallyResultToJson } from './result-json';
import { TallyOptions, TallyResult, tally } from './tally';

/**
 * The add1 completion runs Equal Shares only where the outcome can change (`breakpoints`, the default); running it
 * at every whole PLN (`steps`) is the definition. Both must give the same result, to the last payment.
 */
const DIR = process.env.PABULIB_DIR ?? resolve(__dirname, '../../../../shared/pabulib');

/** The whole JSON result except the number of Equal Shares runs. */
const outcome = (r: TallyResult) => JSON.stringify(tallyResultToJson(r, { voterGroupLimit: Infinity }), (k, v: unknown) => (k === 'runs' ? undefined : v));

const both = (e: Parameters<typeof tally>[0], options: TallyOptions = {}) => {
  const steps = tally(e, { rule: 'equalshares/add1', ...options, add1Search: 'steps' });
  const breakpoints = tally(e, { rule: 'equalshares/add1', ...options });
  return { steps, breakpoints };
};

/** A small deterministic pseudo-random generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('add1 completion: breakpoints give the outcome of stepping one PLN at a time', () => {
  it('on 400 random elections with ties, equal costs, repeated ballots, points and exclusions', () => {
    let stepRuns = 0;
    let breakpointRuns = 0;
    const differing: number[] = [];
    for (let k = 0; k < 400; k++) {
      const r = rng(7000 + k);
      const nVoters = 3 + Math.floor(r() * (k % 4 === 0 ? 200 : 25));
      const nProjects = 2 + Math.floor(r() * 10);
      const points = k % 3 === 2;
      // Money on a coarse grid, so that a share equal to a voter's money, a price equal to another and a cost
      // equal to the supporters' money are frequent.
      const unit = BigInt(1 + Math.floor(r() * 3)) * 100n * BigInt(nVoters);
      const budget = unit * BigInt(2 + Math.floor(r() * 6)) + (k % 5 === 0 ? BigInt(Math.floor(r() * 1000)) : 0n);
      const base = Array.from({ length: nProjects }, () => (unit * BigInt(1 + Math.floor(r() * 8))) / BigInt(1 + Math.floor(r() * 3)));
      const costs = base.map((c, j) => (j > 0 && r() < 0.3 ? base[j - 1] : c));
      const ballots: Array<Map<number, number>> = [];
      for (let i = 0; i < nVoters; i++) {
        if (i > 0 && r() < 0.3) {
          ballots.push(ballots[i - 1]);
          continue;
        }
        const b = new Map<number, number>();
        for (let j = 0; j < nProjects; j++) if (r() < 0.45) b.set(j, points ? 1 + Math.floor(r() * 3) : 1);
        ballots.push(b);
      }
      const ids = costs.map((_, j) => `p${j}`);
      const election = buildElection({
        budget,
        voteType: points ? 'cumulative' : 'approval',
        projects: costs.map((c, j) => ({ id: ids[j], cost: c })),
        ballots: ballots.map((b) => ({ projects: [...b.keys()].map((j) => ids[j]), points: points ? [...b.values()] : undefined })),
      });
      const options = { seed: `s${k % 3}`, exclusions: k % 7 === 0 && nProjects >= 3 ? [[ids[0], ids[1]]] : [] };
      const { steps, breakpoints } = both(election, options);
      if (outcome(steps) !== outcome(breakpoints)) differing.push(k);
      stepRuns += steps.mes!.runs;
      breakpointRuns += breakpoints.mes!.runs;
    }
    expect(differing).toEqual([]);
    expect(breakpointRuns * 2).toBeLessThan(stepRuns);
  });

  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.pb'))
    .sort();
  const runs = { steps: 0, breakpoints: 0 };

  it.each(files)('%s: the same result, with no more Equal Shares runs', (file) => {
    const e = parsePabulib(readFileSync(resolve(DIR, file), 'utf8'));
    const { steps, breakpoints } = both(e);
    expect(outcome(breakpoints)).toBe(outcome(steps));
    expect(breakpoints.mes!.runs).toBeLessThanOrEqual(steps.mes!.runs);
    runs.steps += steps.mes!.runs;
    runs.breakpoints += breakpoints.mes!.runs;
  });

  it('runs far fewer Equal Shares runs over all the real files', () => {
    expect(runs.steps).toBeGreaterThan(0);
    expect(runs.breakpoints * 4).toBeLessThan(runs.steps);
  });
});
