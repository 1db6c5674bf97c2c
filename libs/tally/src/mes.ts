import { formatFraction, gcd } from './money';
import { Conflicts } from './outcome';
import { Profile } from './profile';
import { Reason, reason } from './reasons';
import { MesBreakpoints } from './mes-breakpoints';
import { TieBreakRecord, TieBreaker } from './tie-break';

/** An exact non-negative fraction of grosze (or a dimensionless ratio). */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

export function reduce(f: Fraction): Fraction {
  const g = gcd(f.num, f.den);
  return g > 1n ? { num: f.num / g, den: f.den / g } : f;
}

/** Voters of one money class who paid the same amount for a project. */
export interface MesPayment {
  readonly voters: number;
  /** Points the voters gave the project (1 for approval). */
  readonly points: number;
  /** Exact amount each of these voters paid, grosze. */
  readonly paidEach: Fraction;
}

export interface MesRound {
  readonly round: number;
  readonly project: number;
  /** Price per unit of utility (utility = points × cost). */
  readonly rho: Fraction;
  readonly payments: MesPayment[];
}

/** Voters who paid for the same projects the same amounts: their payments and what they have left. */
export interface MesVoterGroup {
  readonly voters: number;
  readonly payments: ReadonlyArray<{ readonly project: number; readonly paidEach: Fraction }>;
  readonly left: Fraction;
}

export interface MesRun {
  readonly perVoterBudget: Fraction;
  readonly selected: number[];
  readonly spent: bigint;
  /** Only with `detail`. */
  readonly rounds: MesRound[];
  readonly reasons: Reason[];
  readonly tieBreaks: TieBreakRecord[];
  readonly voterGroups: MesVoterGroup[];
  /**
   * With `breakpoint`: a lower bound Δ (grosze, ≥ 0, possibly Infinity) such that every per-voter budget in
   * [b, b + Δ) gives the same rounds as b — the same projects in the same order — or, for a run ended early by
   * `settle` without exceeding the budget, the same rounds up to that point and the same answers to `settle`'s
   * questions. See the add1 completion in docs/tally.md.
   */
  readonly stableFor?: number;
}

export interface MesRunOptions {
  /** Projects that may be funded (others are ignored). */
  readonly candidates: readonly boolean[];
  readonly conflicts?: Conflicts;
  /**
   * Record payments, voter groups and the exact round in which each project became unaffordable.
   * Without it the run only decides the outcome (used for the completion steps).
   */
  readonly detail?: boolean;
  /**
   * Without `detail`: the run may end early once two questions about its full outcome are settled — does it
   * cost more than `budget`, and does it select at least `all` projects. It ends as soon as the selected projects
   * cost more than `budget`, or as soon as even selecting every project still in play could neither exceed
   * `budget` nor reach `all` projects. `selected` and `spent` are then those of the rounds run, which answer
   * both questions as the full outcome would.
   */
  readonly settle?: { readonly budget: bigint; readonly all: number };
  /**
   * Without `detail`: also find how far the per-voter budget can rise before the outcome can change (see
   * {@link MesRun.stableFor}). For the add1 completion.
   */
  readonly breakpoint?: boolean;
}

/** Bit length of a positive bigint (within 4 bits; used only to scale before converting to a double). */
function roughBits(x: bigint): number {
  return x.toString(16).length * 4;
}

/** n / d as a double, also when d is beyond the double range. */
export function fractionToNumber(n: bigint, d: bigint): number {
  const sh = Math.max(0, roughBits(d) - 960);
  if (sh === 0) return Number(n) / Number(d);
  const b = BigInt(sh);
  return Number(n >> b) / Number(d >> b);
}

const cmpFrac = (an: bigint, ad: bigint, bn: bigint, bd: bigint) => {
  const l = an * bd;
  const r = bn * ad;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** gcd of two non-negative integers below 2^53. */
const numberGcd = (a: number, b: number): number => {
  if (a < 0x80000000 && b < 0x80000000) {
    a |= 0;
    b |= 0;
    while (b !== 0) {
      const t = (a % b) | 0;
      a = b;
      b = t;
    }
    return a;
  }
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
};

/** Factors of a denominator multiplied into a product below 2^53 (`prod`), with the factors (`parts`). */
interface FactorChunk {
  readonly prod: bigint;
  readonly parts: readonly number[];
}

/**
 * x / den in lowest terms, where den is the product of the chunks' factors. Uses
 * gcd(x, a · b) = gcd(x, a) · gcd(x / gcd(x, a), b): one remainder of x per chunk, then double-precision
 * integers within the chunk.
 */
function reduceOverFactors(x: bigint, chunks: readonly FactorChunk[] | undefined, den: bigint): Fraction {
  if (chunks === undefined) return reduce({ num: x, den });
  if (x === 0n) return { num: 0n, den: 1n };
  let g = 1n;
  let r = x;
  for (let i = 0; i < chunks.length; i++) {
    const { prod, parts } = chunks[i];
    let a = Number(r % prod);
    let h = 1;
    for (let k = 0; k < parts.length; k++) {
      const f = parts[k];
      const d = numberGcd(a % f, f);
      if (d > 1) {
        a /= d;
        h *= d;
      }
    }
    if (h > 1) {
      const hb = BigInt(h);
      g *= hb;
      r /= hb;
    }
  }
  return g > 1n ? { num: r, den: den / g } : { num: x, den };
}

/** The first `len` factors multiplied into chunks below 2^53, greedily; undefined if a factor is not below 2^53. */
function factorChunks(factors: readonly bigint[], len: number): FactorChunk[] | undefined {
  const out: FactorChunk[] = [];
  let cur = 1n;
  let parts: number[] = [];
  for (let i = 0; i < len; i++) {
    const f = factors[i];
    if (f === 1n) continue;
    if (f > 0x1fffffffffffffn) return undefined;
    if (cur * f > 0x1fffffffffffffn && cur > 1n) {
      out.push({ prod: cur, parts });
      cur = 1n;
      parts = [];
    }
    cur *= f;
    parts.push(Number(f));
  }
  if (cur > 1n) out.push({ prod: cur, parts });
  return out;
}

/** Collected entries set aside while another project is evaluated. */
interface SavedEntries {
  readonly key: Int32Array<ArrayBuffer>;
  readonly w: Float64Array<ArrayBuffer>;
  readonly n: number;
}

/** Relative margin under which a floating-point comparison is not trusted and is redone exactly. */
const MARGIN = 1e-7;
/**
 * Relative bound on the rounding of the doubles that locate the next breakpoint of the add1 completion (their error
 * stays below 1e-12); a breakpoint is placed this much earlier, so it is never found too late.
 */
const REL = 1e-9;
/** With `breakpoint`: a stale price whose bound would end the stable range within this many grosze is recomputed. */
const FRESH_RANGE = 3000;

/**
 * The Method of Equal Shares with cost utilities, in exact arithmetic.
 *
 * Voters with the same money are kept together in money classes: every voter starts in class 0 and moves to a
 * new class each time they pay for a project. Class money is exact: an integer numerator over a common
 * denominator `D` that only grows (by the denominator of each round's price); a class created when the
 * denominator was `D_e` stores its numerator over `D_e` and is scaled by `D / D_e` when read. Every class also
 * carries a double-precision approximation. The approximation decides only comparisons that it decides by a
 * wide margin (relative 1e-7, while its error stays below 1e-12); anything close — an affordability equality, a
 * near tie of prices, a supporter whose money is about the equal share — is decided on the exact values, so
 * the outcome is that of exact rational arithmetic. The price of each funded project and every payment are
 * exact.
 *
 * Prices only rise as money is spent, so a price computed in an earlier round is a lower bound and only
 * projects whose lower bound can still win are re-evaluated. The engine is built once per profile and reused
 * for each per-voter budget step of a completion.
 */
export class MesEngine {
  private readonly m: number;
  private readonly K: number;
  private readonly groupClass: Int32Array;
  private readonly groupWeight: Int32Array;
  /** Supporters of all projects in one array: project j's are at supStart[j] .. supStart[j + 1]. */
  private readonly supStart: Int32Array;
  private readonly supGroupsAll: Int32Array;
  private readonly supPointsAll: Int32Array;
  /**
   * Per run: supporters who have left class 0 (paid for something), appended as they leave, within each
   * project's range; those left without money are dropped on the way. Supporters still in class 0 are only
   * counted (`count0`), so they are never walked one by one.
   */
  private readonly movedGroups: Int32Array;
  private readonly movedPoints: Int32Array;
  private readonly movedLen: Int32Array;
  private readonly initialCount0: Float64Array;
  /** Points of all supporters of each project. */
  private readonly allPts: Float64Array;
  private readonly itemStart: Int32Array;
  private readonly itemList: Int32Array;
  private readonly itemPoints: Int32Array;
  /** For each project, the projects sharing at least one supporter with it. */
  private readonly neighbours: Int32Array[];
  private stamp = new Int32Array(1024);
  private acc = new Float64Array(1024);
  private evalId = 0;
  private trans = new Int32Array(1024);
  private relW = new Float64Array(1024);
  /** Reused by the runs with `breakpoint`. */
  private breakpoints: MesBreakpoints | undefined;
  private lastQSlope = 0;
  // Funding without detail: how each collected entry pays (see run) and, where exact, what it keeps.
  private kind = new Int8Array(1024);
  private leftOf = new Array<bigint>(1024);
  // Entries of the last collected project: key = class * K + points, weight.
  private eKey = new Int32Array(1024);
  private eW = new Float64Array(1024);
  private eN = 0;
  // Entries of the project evaluated last in the current round (p*) and of the current best (s*), kept by
  // swapping buffers with eKey/eW, so that funding the best does not collect its supporters again.
  private pKey = new Int32Array(1024);
  private pW = new Float64Array(1024);
  private pN = 0;
  private sKey = new Int32Array(1024);
  private sW = new Float64Array(1024);
  private sN = 0;

  constructor(
    private readonly profile: Profile,
    private readonly ties: TieBreaker,
  ) {
    const m = (this.m = profile.projects.length);
    const K = (this.K = profile.maxPoints + 1);
    const G = profile.groupCount;
    this.groupClass = new Int32Array(G);
    this.groupWeight = profile.groupWeight;
    this.supStart = profile.supStart;
    this.supGroupsAll = profile.supGroups;
    this.supPointsAll = profile.supPoints;
    this.movedGroups = new Int32Array(profile.supGroups.length);
    this.movedPoints = new Int32Array(profile.supGroups.length);
    this.movedLen = new Int32Array(m);
    this.initialCount0 = new Float64Array(m * K);
    this.allPts = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      for (let k = profile.supStart[j]; k < profile.supStart[j + 1]; k++) {
        this.initialCount0[j * K + profile.supPoints[k]] += profile.groupWeight[profile.supGroups[k]];
        this.allPts[j] += profile.groupWeight[profile.supGroups[k]] * profile.supPoints[k];
      }
    }
    this.itemStart = profile.groupStart;
    this.itemList = profile.groupItems;
    this.itemPoints = profile.groupPoints;
    const adj = Array.from({ length: m }, () => new Uint8Array(m));
    for (let g = 0; g < G; g++) {
      for (let a = profile.groupStart[g]; a < profile.groupStart[g + 1]; a++) {
        const row = adj[profile.groupItems[a]];
        for (let b = profile.groupStart[g]; b < profile.groupStart[g + 1]; b++) row[profile.groupItems[b]] = 1;
      }
    }
    this.neighbours = adj.map((row) => {
      const out: number[] = [];
      row.forEach((v, j) => v && out.push(j));
      return Int32Array.from(out);
    });
  }

  // Spare buffers for evaluating a project while the winner's entries are in use (see `breakpoint`).
  private xKey = new Int32Array(1024);
  private xW = new Float64Array(1024);

  /** Sets the collected entries aside; evaluations go to the spare buffers until they are restored. */
  private keepForEvaluation(): SavedEntries {
    const kept = { key: this.eKey, w: this.eW, n: this.eN };
    this.eKey = this.xKey;
    this.eW = this.xW;
    return kept;
  }

  private restoreAfterEvaluation(kept: SavedEntries): void {
    this.xKey = this.eKey;
    this.xW = this.eW;
    this.eKey = kept.key;
    this.eW = kept.w;
    this.eN = kept.n;
  }

  /** Moves the entries just collected to the p* buffers. */
  private keepCollected(): void {
    const k = this.pKey;
    const w = this.pW;
    this.pKey = this.eKey;
    this.pW = this.eW;
    this.pN = this.eN;
    this.eKey = k;
    this.eW = w;
  }

  /** Moves the p* entries to the s* buffers. */
  private saveKept(): void {
    const k = this.sKey;
    const w = this.sW;
    this.sKey = this.pKey;
    this.sW = this.pW;
    this.sN = this.pN;
    this.pKey = k;
    this.pW = w;
  }

  /** Makes the s* entries the collected entries again. */
  private restoreSaved(): void {
    const k = this.eKey;
    const w = this.eW;
    this.eKey = this.sKey;
    this.eW = this.sW;
    this.eN = this.sN;
    this.sKey = k;
    this.sW = w;
  }

  run(perVoterBudget: Fraction, options: MesRunOptions): MesRun {
    const { profile, m, K, ties, groupWeight } = this;
    const detail = options.detail ?? false;
    const costs = profile.costs;
    const costF = costs.map((c) => Number(c));
    const G = profile.groupCount;
    const pv = reduce(perVoterBudget);

    // Money classes: exact money of class c = num[c] * F[epoch[c]] / D grosze; approx[c] ≈ the same in grosze.
    let D = pv.den;
    // D is the product of these factors (each small), which makes reducing fractions over D cheap.
    const dFactors: bigint[] = [pv.den];
    const F: bigint[] = [1n];
    const num: bigint[] = [pv.num];
    const epoch: number[] = [0];
    const approx: number[] = [Number(pv.num) / Number(pv.den)];
    // With `breakpoint`: how each class's money changes with the per-voter budget b (grosze per grosz). Within the
    // range where the rounds stay the same, every amount is an affine function of b; its slope is a sum of
    // non-negative terms (class 0: 1; a class that pays the share q·p: its slope − p · dq/db, where dq/db ≤ 0),
    // so it is computed without cancellation.
    const bp = !detail && (options.breakpoint ?? false);
    const slope: number[] = [1];
    const rhoSlope = new Float64Array(m);
    const bpk = bp ? (this.breakpoints ??= new MesBreakpoints(K - 1)).reset() : undefined;
    // With `breakpoint`: the points of the supporters who pay the share at each project's last price.
    const rhoRich = new Float64Array(m);
    const parent: number[] = [-1];
    const viaProject: number[] = [-1];
    const paidEach: Fraction[] = [{ num: 0n, den: 1n }];
    // Number of factors of D when paidEach[c] was recorded.
    const paidFactors: number[] = [1];
    // Live class of each group, -1 once its voters have no money left.
    const groupClass = this.groupClass;
    groupClass.fill(pv.num > 0n ? 0 : -1);
    const { supStart, movedGroups, movedPoints, movedLen, itemStart, itemList, itemPoints } = this;
    movedLen.fill(0);
    const count0 = pv.num > 0n ? Float64Array.from(this.initialCount0) : new Float64Array(m * K);
    // With `detail`: the class of each group including classes without money, for the record.
    const pathClass = detail ? new Int32Array(G) : groupClass;
    // A class may hold its money lazily as (class it came from) − (payment due at its epoch); it is
    // materialised the first time its exact value is needed.
    const lazyFrom: number[] = [-1];
    const lazyDue: bigint[] = [0n];
    const exact = (c: number): bigint => {
      const from = lazyFrom[c];
      if (from < 0) return num[c] * F[epoch[c]];
      const v = exact(from) - lazyDue[c] * F[epoch[c]];
      num[c] = v;
      epoch[c] = F.length - 1;
      lazyFrom[c] = -1;
      return v;
    };
    // D scaled into the double range: approx of x/D grosze = Number(x >> dShift) / dScaled.
    let dShift = 0n;
    let dScaled = Number(D);
    const rescaleD = () => {
      dShift = BigInt(Math.max(0, roughBits(D) - 960));
      dScaled = Number(D >> dShift);
    };
    rescaleD();

    const alive = new Uint8Array(m);
    // Funded, excluded, or never a candidate: no longer to be decided.
    const gone = new Uint8Array(m);
    const excludedNow = new Uint8Array(m);
    for (let j = 0; j < m; j++) if (!options.candidates[j]) gone[j] = 1;
    const dirty = new Uint8Array(m);
    const rhoF = new Float64Array(m);
    const qApprox = new Float64Array(m);
    const reasons: Reason[] = new Array(m);
    const tieBreaks: TieBreakRecord[] = [];
    const rounds: MesRound[] = [];
    let list: number[] = [];
    for (let j = 0; j < m; j++) {
      if (options.candidates[j]) {
        alive[j] = 1;
        dirty[j] = 1;
        list.push(j);
      }
    }
    const selected: number[] = [];
    let spent = 0n;
    // Projects still in play (candidates neither selected nor found unaffordable or excluded): cost and number.
    let aliveCost = 0n;
    let aliveCount = 0;
    for (let j = 0; j < m; j++) {
      if (alive[j]) {
        aliveCost += costs[j];
        aliveCount++;
      }
    }
    const settle = detail ? undefined : options.settle;
    let round = 1;

    // Gathers the supporters of j with money, by (class, points), into eKey/eW.
    const collect = (j: number) => {
      let id = ++this.evalId;
      const need = num.length * K;
      if (this.stamp.length < need) {
        const size = Math.max(need, this.stamp.length * 2);
        this.stamp = new Int32Array(size);
        this.acc = new Float64Array(size);
        this.evalId = id = 1;
      }
      const start = supStart[j];
      let len = movedLen[j];
      if (this.eKey.length < len + K) {
        this.eKey = new Int32Array(len + K);
        this.eW = new Float64Array(len + K);
      }
      const stamp = this.stamp;
      const acc = this.acc;
      const eKey = this.eKey;
      let n = 0;
      for (let p = 1; p < K; p++) {
        const w0 = count0[j * K + p];
        if (w0 > 0) {
          stamp[p] = id;
          acc[p] = w0;
          eKey[n++] = p;
        }
      }
      for (let k = start; k < start + len; k++) {
        const gi = movedGroups[k];
        const c = groupClass[gi];
        if (c < 0) {
          len--;
          movedGroups[k] = movedGroups[start + len];
          movedPoints[k] = movedPoints[start + len];
          k--;
          continue;
        }
        const key = c * K + movedPoints[k];
        if (stamp[key] !== id) {
          stamp[key] = id;
          acc[key] = 0;
          eKey[n++] = key;
        }
        acc[key] += groupWeight[gi];
      }
      movedLen[j] = len;
      const eW = this.eW;
      for (let i = 0; i < n; i++) eW[i] = acc[eKey[i]];
      this.eN = n;
    };

    // Whether the supporters of j (just collected) can afford it; exact when the approximation is close.
    let lastTotalF = 0;
    let lastTotalSlope = 0;
    const affordable = (j: number): boolean => {
      const { eKey, eW, eN } = this;
      let totalF = 0;
      for (let i = 0; i < eN; i++) totalF += eW[i] * approx[(eKey[i] / K) | 0];
      lastTotalF = totalF;
      if (bp) {
        let t = 0;
        for (let i = 0; i < eN; i++) t += eW[i] * slope[(eKey[i] / K) | 0];
        lastTotalSlope = t;
      }
      const c = costF[j];
      if (totalF > c * (1 + MARGIN) + 1e-6) return true;
      if (totalF < c * (1 - MARGIN) - 1e-6) return false;
      let total = 0n;
      for (let i = 0; i < eN; i++) total += BigInt(eW[i]) * exact((eKey[i] / K) | 0);
      return total >= costs[j] * D;
    };

    // Approximate price per point qF (grosze) at which Σ min(money, qF·points) = cost (water-filling).
    const priceApprox = (j: number): number => {
      const { eKey, eW, eN } = this;
      const cF = costF[j];
      if (cF === 0) return 0;
      let poorF = 0;
      let rest = 0;
      for (let i = 0; i < eN; i++) {
        const key = eKey[i];
        rest += eW[i] * (key - ((key / K) | 0) * K);
      }
      let q = cF / rest;
      // Each pass moves the supporters who cannot pay the share to paying all they have; q only rises.
      for (let pass = 0; pass < 1000; pass++) {
        let addPoor = 0;
        let addPts = 0;
        for (let i = 0; i < eN; i++) {
          const key = eKey[i];
          const c = (key / K) | 0;
          const p = key - c * K;
          const a = approx[c];
          // Entries already counted as poor satisfy a < previous q ≤ q; count each once.
          if (a < q * p && !(a < prevQ * p)) {
            addPoor += eW[i] * a;
            addPts += eW[i] * p;
          }
        }
        if (addPts === 0) break;
        poorF += addPoor;
        rest -= addPts;
        prevQ = q;
        if (rest <= 0) break;
        q = (cF - poorF) / rest;
      }
      prevQ = 0;
      // Rounding in the sums is amplified by cF / (cF - poorF); when that is large, use the exact price.
      if (poorF > 0 && (cF + poorF) / Math.max(cF - poorF, Number.MIN_VALUE) > 100) {
        const e = priceExact(j, q);
        return fractionToNumber(e.qNum, e.qDen * D);
      }
      return q;
    };
    let prevQ = 0;

    // Exact price per point q = qNum/qDen (units of 1/D grosze) for the collected supporters of j. The
    // approximate price splits the supporters into those who pay all they have and those who pay the share;
    // the split is then verified exactly at its boundary, and redone by an exact sort if it is wrong.
    const priceExact = (j: number, qF: number): { qNum: bigint; qDen: bigint } => {
      const { eKey, eW, eN } = this;
      const cost = costs[j];
      if (cost === 0n) return { qNum: 0n, qDen: 1n };
      const C = cost * D;
      let poor = 0n;
      let rest = 0;
      let maxPoor = -Infinity;
      let minRich = Infinity;
      for (let i = 0; i < eN; i++) {
        const key = eKey[i];
        const c = (key / K) | 0;
        const p = key - c * K;
        const ratio = approx[c] / p;
        if (ratio < qF) {
          poor += BigInt(eW[i]) * exact(c);
          if (ratio > maxPoor) maxPoor = ratio;
        } else {
          rest += eW[i] * p;
          if (ratio < minRich) minRich = ratio;
        }
      }
      if (rest > 0) {
        const qNum = C - poor;
        const qDen = BigInt(rest);
        let valid = qNum >= 0n;
        for (let i = 0; valid && i < eN; i++) {
          const key = eKey[i];
          const c = (key / K) | 0;
          const p = key - c * K;
          const ratio = approx[c] / p;
          if (ratio < qF) {
            if (ratio >= maxPoor * (1 - 1e-12)) valid = qNum * BigInt(p) >= exact(c) * qDen;
          } else if (ratio <= minRich * (1 + 1e-12)) {
            valid = qNum * BigInt(p) <= exact(c) * qDen;
          }
        }
        if (valid) return { qNum, qDen };
      }
      // Exact water-filling over all supporters in exact order of money per point.
      const money: bigint[] = [];
      const pts: number[] = [];
      const wts: number[] = [];
      let r = 0n;
      for (let i = 0; i < eN; i++) {
        const c = (eKey[i] / K) | 0;
        money.push(exact(c));
        pts.push(eKey[i] - c * K);
        wts.push(eW[i]);
        r += BigInt(eW[i] * (eKey[i] - c * K));
      }
      const order = money.map((_, t) => t);
      order.sort((a, b) => {
        const l = money[a] * BigInt(pts[b]);
        const rr = money[b] * BigInt(pts[a]);
        return l < rr ? -1 : l > rr ? 1 : 0;
      });
      let paid = 0n;
      for (const t of order) {
        if ((C - paid) * BigInt(pts[t]) <= money[t] * r) return { qNum: C - paid, qDen: r };
        paid += BigInt(wts[t]) * money[t];
        r -= BigInt(wts[t] * pts[t]);
      }
      throw new Error('equal shares: no price found for an affordable project');
    };

    const exactRho = (j: number): Fraction => {
      collect(j);
      const q = priceExact(j, qApprox[j]);
      return { num: q.qNum, den: q.qDen * (costs[j] === 0n ? 1n : costs[j]) * D };
    };

    const markUnaffordable = (j: number) => {
      alive[j] = 0;
      aliveCost -= costs[j];
      aliveCount--;
      // Its supporters' money (it only falls in later rounds) reaches its cost when b rises by the gap / slope.
      bpk?.unaffordable(round, costF[j] - lastTotalF, REL * (costF[j] + lastTotalF), lastTotalSlope, costF[j], this.allPts[j]);
      if (!detail) return;
      reasons[j] = reason('not-affordable', {
        round,
        money: (lastTotalF / 100).toFixed(2),
        cost: formatFraction(costs[j], 1n),
      });
    };

    const evaluate = (j: number): boolean => {
      collect(j);
      if (!affordable(j)) {
        markUnaffordable(j);
        return false;
      }
      const q = priceApprox(j);
      qApprox[j] = q;
      rhoF[j] = costF[j] === 0 ? 0 : q / costF[j];
      if (bp) {
        // dq/db for the split at q: those who pay all they have and those who pay the share. For any split this
        // line is a lower bound of the price (Σ min(money, q·p) ≤ cost along it), which is all a project that
        // is not funded needs.
        const { eKey, eW, eN } = this;
        let poorSlope = 0;
        let richPts = 0;
        let strictPts = 0;
        for (let i = 0; i < eN; i++) {
          const key = eKey[i];
          const c = (key / K) | 0;
          const p = key - c * K;
          if (approx[c] < q * p) poorSlope += eW[i] * slope[c];
          else {
            richPts += eW[i] * p;
            if (approx[c] > q * p * (1 + 1e-9)) strictPts += eW[i] * p;
          }
        }
        rhoSlope[j] = costF[j] === 0 || richPts === 0 ? 0 : -poorSlope / richPts / costF[j];
        rhoRich[j] = strictPts;
      }
      return true;
    };

    // Compares current prices exactly; the approximation decides clear cases.
    const cmpRho = (a: number, b: number): number => {
      const fa = rhoF[a];
      const fb = rhoF[b];
      if (fa < fb * (1 - MARGIN)) return -1;
      if (fb < fa * (1 - MARGIN)) return 1;
      const x = exactRho(a);
      const y = exactRho(b);
      return cmpFrac(x.num, x.den, y.num, y.den);
    };

    for (;;) {
      // Whatever is still funded costs at most aliveCost and selects at most aliveCount more projects.
      if (settle !== undefined && spent + aliveCost <= settle.budget && selected.length + aliveCount < settle.all) {
        bpk?.end(Number(settle.budget - spent - aliveCost), settle.all - selected.length - aliveCount - 1);
        break;
      }
      if (detail) {
        // Find every project that has just become unaffordable, so its reason names the exact round.
        for (const j of list) {
          if (!alive[j] || !dirty[j]) continue;
          collect(j);
          if (!affordable(j)) markUnaffordable(j);
        }
      }
      list = list.filter((j) => alive[j] === 1);
      list.sort((a, b) => rhoF[a] - rhoF[b]);
      let best = -1;
      let saved = -1;
      let roundTies: TieBreakRecord[] = [];
      for (const j of list) {
        if (best >= 0 && rhoF[j] > rhoF[best] * (1 + MARGIN)) break;
        let fresh = false;
        if (dirty[j]) {
          dirty[j] = 0;
          if (!evaluate(j)) continue;
          this.keepCollected();
          fresh = true;
        }
        if (best < 0) {
          best = j;
          if (fresh) {
            this.saveKept();
            saved = j;
          }
          continue;
        }
        const c = cmpRho(j, best);
        if (c < 0) {
          best = j;
          roundTies = [];
        } else if (c === 0) {
          const t = ties.compare(j, best);
          if (t.cmp < 0) {
            roundTies.push(ties.record(`equal shares round ${round}`, j, best, t.at));
            best = j;
          } else {
            roundTies.push(ties.record(`equal shares round ${round}`, best, j, t.at));
          }
        }
        if (best === j && fresh) {
          this.saveKept();
          saved = j;
        }
      }
      if (best < 0) {
        if (settle !== undefined && spent <= settle.budget) bpk?.end(Number(settle.budget - spent), settle.all - selected.length - 1);
        break;
      }
      if (roundTies.length) tieBreaks.push(...roundTies.filter((t) => t.winner === profile.projects[best].id));

      // Fund `best` at the exact price q per point.
      const w = best;
      if (saved === w) this.restoreSaved();
      else collect(w);
      const q = priceExact(w, qApprox[w]);
      const rho = { num: q.qNum, den: q.qDen * (costs[w] === 0n ? 1n : costs[w]) * D };
      const g = gcd(q.qNum, q.qDen);
      const qn = g > 1n ? q.qNum / g : q.qNum;
      const s = g > 1n ? q.qDen / g : q.qDen;
      if (s !== 1n) {
        D *= s;
        dFactors.push(s);
        for (let e = 0; e < F.length; e++) F[e] *= s;
        F.push(1n);
        rescaleD();
      }
      const ep = F.length - 1;
      // New class per (class, points) of the supporters; voters left without money go to -1 (with `detail`
      // they still get a class, for the record of who paid what).
      if (this.trans.length < num.length * K) {
        this.trans = new Int32Array(Math.max(num.length * K, this.trans.length * 2));
        this.relW = new Float64Array(this.trans.length);
      }
      const trans = this.trans;
      const relW = this.relW;
      const poorAt: number[] = [];
      const record = new Map<number, number>();
      const payments: MesPayment[] = [];
      const paymentAt = new Map<string, number>();
      let maxPaid = 0n;
      const { eKey, eW, eN } = this;
      const qPayF = fractionToNumber(qn, D);
      const dueBy: bigint[] = [];
      if (!detail) {
        // Who pays the share q·p and keeps money (1: its money kept lazily; 2: exactly, in `leftOf`) and who pays all
        // it has (0). Close cases are decided on the exact amounts.
        if (this.kind.length < eN) {
          this.kind = new Int8Array(Math.max(eN, this.kind.length * 2));
          this.leftOf = new Array<bigint>(this.kind.length);
        }
        const kind = this.kind;
        const leftOf = this.leftOf;
        let poorSlope = 0;
        let richPts = 0;
        for (let i = 0; i < eN; i++) {
          const key = eKey[i];
          const c = (key / K) | 0;
          const p = key - c * K;
          const a = approx[c];
          const dueF = qPayF * p;
          let k = 0;
          if (a > dueF * (1 + 1e-8)) {
            if (a - dueF > a * 1e-6) k = 1;
            else {
              k = 2;
              leftOf[i] = exact(c) - (dueBy[p] ??= qn * BigInt(p));
            }
          } else if (a >= dueF * (1 - 1e-8)) {
            // About the share: decide exactly whether anything is left.
            const left = exact(c) - (dueBy[p] ??= qn * BigInt(p));
            if (left > 0n) {
              k = 2;
              leftOf[i] = left;
            }
          }
          kind[i] = k;
          if (k === 0) poorSlope += eW[i] * slope[c];
          else richPts += eW[i] * p;
        }
        // dq/db of this price: those who pay all they have pay more when b rises, so the share falls.
        const qSlope = richPts > 0 ? -poorSlope / richPts : 0;
        this.lastQSlope = qSlope;
        if (bpk) {
          // Every other project still in play must stay dearer (its price only rises over the rounds, and the
          // line through its last price is a lower bound of it); the winner must stay affordable and those who
          // paid the share keep paying it.
          const wSlope = costF[w] === 0 ? 0 : qSlope / costF[w];
          for (const j of list) {
            if (!alive[j] || j === w) continue;
            if (dirty[j]) {
              // A price from an earlier round is a weak bound; where it would end the range soon, price it afresh.
              const closing = wSlope - rhoSlope[j];
              if (closing > 0 && rhoF[j] - rhoF[w] < closing * FRESH_RANGE) {
                dirty[j] = 0;
                const keep = this.keepForEvaluation();
                const ok = evaluate(j);
                this.restoreAfterEvaluation(keep);
                if (!ok) continue;
              }
            }
            bpk.compete(
              round,
              rhoF[j] - rhoF[w],
              REL * (rhoF[j] + rhoF[w]),
              wSlope - rhoSlope[j],
              REL * (Math.abs(wSlope) + Math.abs(rhoSlope[j])),
              rhoRich[j],
              costF[j],
            );
          }
          let total = 0;
          let totalSlope = 0;
          for (let i = 0; i < eN; i++) {
            const key = eKey[i];
            const c = (key / K) | 0;
            const p = key - c * K;
            total += eW[i] * approx[c];
            totalSlope += eW[i] * slope[c];
            if (kind[i] !== 0) {
              const dueF = qPayF * p;
              const gamma = approx[c] - dueF - REL * (approx[c] + dueF);
              if (bpk.richMatters(round, gamma, p)) bpk.rich(round, gamma, p, eW[i]);
            }
          }
          bpk.winner(round, richPts, costF[w], rhoF[w], total - costF[w] - REL * (total + costF[w]), totalSlope);
        }
        for (let i = 0; i < eN; i++) {
          const key = eKey[i];
          const c = (key / K) | 0;
          const p = key - c * K;
          const k = kind[i];
          let nc = -1;
          if (k === 1) {
            nc = num.length;
            num.push(0n);
            lazyFrom.push(c);
            lazyDue.push((dueBy[p] ??= qn * BigInt(p)));
            approx.push(approx[c] - qPayF * p);
            slope.push(slope[c] - p * qSlope);
            epoch.push(ep);
          } else if (k === 2) {
            const left = leftOf[i];
            nc = num.length;
            num.push(left);
            lazyFrom.push(-1);
            lazyDue.push(0n);
            approx.push(Number(left >> dShift) / dScaled);
            slope.push(slope[c] - p * qSlope);
            epoch.push(ep);
          } else if (bpk) {
            // Pays all it has: its shortfall q·p − money falls by slope + p·|dq/db| per grosz of b; what such voters
            // keep once it is negative is a perturbation (see MesBreakpoints). Only those who support a project still
            // to be decided count in full (summed per ballot below).
            const dueF = qPayF * p;
            if (bpk.poorMatters(dueF - approx[c], slope[c] - p * qSlope, p, richPts)) {
              relW[key] = 0;
              poorAt.push(i);
            } else relW[key] = -1;
          }
          trans[key] = nc;
        }
      }
      for (let i = 0; detail && i < eN; i++) {
        const key = eKey[i];
        const c = (key / K) | 0;
        const p = key - c * K;
        const have = exact(c);
        const due = qn * BigInt(p);
        const pay = due < have ? due : have;
        if (pay > maxPaid) maxPaid = pay;
        let nc = -1;
        if (due < have || detail) {
          nc = num.length;
          num.push(have - pay);
          lazyFrom.push(-1);
          lazyDue.push(0n);
          epoch.push(ep);
          approx.push(due < have ? Number((have - pay) >> dShift) / dScaled : 0);
          slope.push(0);
          if (detail) {
            parent.push(c);
            viaProject.push(w);
            paidEach.push({ num: pay, den: D });
            paidFactors.push(dFactors.length);
          }
        }
        trans[key] = due < have ? nc : -1;
        if (detail) {
          record.set(key, nc);
          // Voters who paid the same amount with the same points are reported together.
          const pk = `${p}:${pay}`;
          const at = paymentAt.get(pk);
          if (at === undefined) {
            paymentAt.set(pk, payments.length);
            payments.push({ voters: eW[i], points: p, paidEach: { num: pay, den: D } });
          } else {
            const prev = payments[at];
            payments[at] = { ...prev, voters: prev.voters + eW[i] };
          }
        }
      }
      const supG = this.supGroupsAll;
      const supP = this.supPointsAll;
      if (bpk) for (const x of options.conflicts?.[w] ?? []) excludedNow[x] = 1;
      for (let k = supStart[w], end = supStart[w + 1]; k < end; k++) {
        const gi = supG[k];
        const c = groupClass[gi];
        if (c < 0) continue;
        const key = c * K + supP[k];
        const nc = trans[key];
        groupClass[gi] = nc;
        if (detail) pathClass[gi] = record.get(key)!;
        if (bpk && nc < 0 && relW[key] >= 0) {
          // These voters paid all they had; with a higher budget they may keep some, which matters only if they
          // support a project not yet funded or excluded.
          for (let t = itemStart[gi], e = itemStart[gi + 1]; t < e; t++) {
            const j = itemList[t];
            if (j !== w && !gone[j] && !excludedNow[j]) {
              relW[key] += groupWeight[gi];
              break;
            }
          }
        }
        if (c === 0) {
          // Leaves class 0: from now on it is walked in the lists of its other projects.
          const weight = groupWeight[gi];
          for (let t = itemStart[gi], e = itemStart[gi + 1]; t < e; t++) {
            const j = itemList[t];
            if (!alive[j] || j === w) continue;
            count0[j * K + itemPoints[t]] -= weight;
            if (nc >= 0) {
              const at = supStart[j] + movedLen[j]++;
              movedGroups[at] = gi;
              movedPoints[at] = itemPoints[t];
            }
          }
        }
      }
      for (const j of this.neighbours[w]) dirty[j] = 1;
      if (bpk) {
        const { eKey, eW } = this;
        const qSlope = this.lastQSlope;
        for (const i of poorAt) {
          const key = eKey[i];
          const c = (key / K) | 0;
          const p = key - c * K;
          const dueF = qPayF * p;
          bpk.poor(round, dueF - approx[c] - REL * (dueF + approx[c]), slope[c] - p * qSlope, p, eW[i], relW[key]);
        }
      }

      alive[w] = 0;
      gone[w] = 1;
      aliveCost -= costs[w];
      aliveCount--;
      selected.push(w);
      spent += costs[w];
      if (settle !== undefined && spent > settle.budget) break;
      if (detail) {
        const supporters = payments.reduce((a, x) => a + x.voters, 0);
        reasons[w] = reason('selected-mes', { round, supporters, maxPayment: formatFraction(maxPaid, D) });
        payments.sort((a, b) => b.voters - a.voters);
        const chunks = factorChunks(dFactors, dFactors.length);
        rounds.push({ round, project: w, rho: reduce(rho), payments: payments.map((x) => ({ ...x, paidEach: reduceOverFactors(x.paidEach.num, chunks, D) })) });
      }
      for (const x of options.conflicts?.[w] ?? []) {
        gone[x] = 1;
        excludedNow[x] = 0;
        if (alive[x]) {
          alive[x] = 0;
          aliveCost -= costs[x];
          aliveCount--;
          reasons[x] = reason('excluded-by', { by: profile.projects[w].id });
        }
      }
      round++;
    }

    const voterGroups: MesVoterGroup[] = [];
    if (detail) {
      const weightByClass = new Map<number, number>();
      const reducedPaid: Fraction[] = [];
      const chunksAt: Array<FactorChunk[] | undefined> = [];
      const reducedByNum: Array<Map<bigint, Fraction>> = [];
      for (let gi = 0; gi < G; gi++) {
        const c = pathClass[gi];
        weightByClass.set(c, (weightByClass.get(c) ?? 0) + groupWeight[gi]);
      }
      for (const [c, voters] of [...weightByClass].sort((a, b) => b[1] - a[1])) {
        const path: Array<{ project: number; paidEach: Fraction }> = [];
        for (let x = c; x > 0; x = parent[x]) {
          let f: Fraction | undefined = reducedPaid[x];
          if (f === undefined) {
            // Voters who paid a round's full share all paid the same amount: reduce each amount once.
            const byNum = (reducedByNum[paidFactors[x]] ??= new Map());
            f = byNum.get(paidEach[x].num);
            if (f === undefined) {
              f = reduceOverFactors(paidEach[x].num, (chunksAt[paidFactors[x]] ??= factorChunks(dFactors, paidFactors[x])), paidEach[x].den);
              byNum.set(paidEach[x].num, f);
            }
            reducedPaid[x] = f;
          }
          path.push({ project: viaProject[x], paidEach: f });
        }
        path.reverse();
        voterGroups.push({
          voters,
          payments: path,
          left: reduceOverFactors(exact(c), (chunksAt[dFactors.length] ??= factorChunks(dFactors, dFactors.length)), D),
        });
      }
    }
    return { perVoterBudget: pv, selected, spent, rounds, reasons, tieBreaks, voterGroups, ...(bpk ? { stableFor: bpk.solve() } : {}) };
  }
}
