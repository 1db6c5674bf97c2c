import { createHash } from 'node:crypto';
import { buildElection } from './election-builder';
import { tally } from './tally';

/** Exact rationals for a direct, per-voter implementation of the rule, used as a reference. */
type Q = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d = 1n): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q) => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
const min = (a: Q, b: Q) => (cmp(a, b) <= 0 ? a : b);

interface Ref {
  costs: bigint[];
  ballots: Array<Map<number, number>>;
}

function referenceMes(e: Ref, perVoter: Q, seed: string, ids: string[]): number[] {
  const money = e.ballots.map(() => perVoter);
  const votes = e.costs.map((_, j) => e.ballots.filter((b) => b.has(j)).length);
  const lot = ids.map((id) => createHash('sha256').update(`${seed}\n${id}`).digest('hex'));
  const funded: number[] = [];
  const open = new Set(e.costs.map((_, j) => j));
  for (;;) {
    let best = -1;
    let bestRho: Q | null = null;
    let bestQ: Q | null = null;
    for (const j of open) {
      const cost = q(e.costs[j]);
      const sup = e.ballots.map((b, i) => [i, b.get(j) ?? 0] as const).filter(([, p]) => p > 0);
      const total = sup.reduce((a, [i]) => add(a, money[i]), q(0n));
      if (cmp(total, cost) < 0) continue;
      let price = q(0n);
      if (cost.n > 0n) {
        const sorted = [...sup].sort((a, b) => cmp(div(money[a[0]], q(BigInt(a[1]))), div(money[b[0]], q(BigInt(b[1])))));
        let paid = q(0n);
        let rest = sorted.reduce((a, [, p]) => a + BigInt(p), 0n);
        for (const [i, p] of sorted) {
          const share = div(sub(cost, paid), q(rest));
          if (cmp(mul(share, q(BigInt(p))), money[i]) <= 0) {
            price = share;
            break;
          }
          paid = add(paid, money[i]);
          rest -= BigInt(p);
        }
      }
      const rho = cost.n === 0n ? q(0n) : div(price, cost);
      const better =
        bestRho === null ||
        cmp(rho, bestRho) < 0 ||
        (cmp(rho, bestRho) === 0 &&
          (e.costs[j] < e.costs[best] || (e.costs[j] === e.costs[best] && (votes[j] > votes[best] || (votes[j] === votes[best] && lot[j] < lot[best])))));
      if (better) {
        best = j;
        bestRho = rho;
        bestQ = price;
      }
    }
    if (best < 0) return funded;
    for (let i = 0; i < e.ballots.length; i++) {
      const p = e.ballots[i].get(best) ?? 0;
      if (p > 0) money[i] = sub(money[i], min(money[i], mul(bestQ!, q(BigInt(p)))));
    }
    funded.push(best);
    open.delete(best);
  }
}

function referenceAdd1(e: Ref, budget: bigint, ids: string[]): number[] {
  const n = BigInt(e.ballots.length);
  let b = (budget / (100n * n)) * 100n;
  let kept = referenceMes(e, q(b), '', ids);
  for (let step = 0; step < 400; step++) {
    b += 100n;
    const out = referenceMes(e, q(b), '', ids);
    if (out.reduce((a, j) => a + e.costs[j], 0n) > budget) return kept;
    kept = out;
    const supported = e.costs.filter((_, j) => e.ballots.some((x) => x.has(j))).length;
    if (out.length >= supported) return kept;
  }
  return kept;
}

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

describe('Equal Shares against a direct exact implementation', () => {
  const cases = Array.from({ length: 60 }, (_, k) => k);

  it.each(cases)('random election %i', (k) => {
    const r = rng(1000 + k);
    const nVoters = 3 + Math.floor(r() * 12);
    const nProjects = 2 + Math.floor(r() * 7);
    const points = k % 3 === 2;
    // Budgets and costs on a coarse grid, so that exact equalities between money and cost are common.
    const unit = BigInt(1 + Math.floor(r() * 3)) * 100n * BigInt(nVoters);
    const budget = unit * BigInt(2 + Math.floor(r() * 6));
    const costs = Array.from({ length: nProjects }, () => (unit * BigInt(1 + Math.floor(r() * 8))) / BigInt(1 + Math.floor(r() * 3)));
    const ballots = Array.from({ length: nVoters }, () => {
      const b = new Map<number, number>();
      for (let j = 0; j < nProjects; j++) if (r() < 0.45) b.set(j, points ? 1 + Math.floor(r() * 3) : 1);
      return b;
    });
    const ids = costs.map((_, j) => `p${j}`);
    const election = buildElection({
      budget,
      voteType: points ? 'cumulative' : 'approval',
      projects: costs.map((c, j) => ({ id: ids[j], cost: c })),
      ballots: ballots.map((b) => ({ projects: [...b.keys()].map((j) => ids[j]), points: points ? [...b.values()] : undefined })),
    });
    const ref: Ref = { costs, ballots };
    const plain = referenceMes(ref, q(budget, BigInt(nVoters)), '', ids).map((j) => ids[j]);
    expect(tally(election, { rule: 'equalshares' }).selected).toEqual(plain);
    const add1 = referenceAdd1(ref, budget, ids).map((j) => ids[j]);
    expect(tally(election, { rule: 'equalshares/add1' }).selected).toEqual(add1);
  });
});
