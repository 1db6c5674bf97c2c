import { formatFraction, gcd } from './money';
import { Conflicts } from './outcome';
import { Profile } from './profile';
import { Reason, reason } from './reasons';
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
}

const cmpFrac = (an: bigint, ad: bigint, bn: bigint, bd: bigint) => {
  const l = an * bd;
  const r = bn * ad;
  return l < r ? -1 : l > r ? 1 : 0;
};

/**
 * The Method of Equal Shares with cost utilities, in exact arithmetic.
 *
 * Voters with the same money are kept together in money classes: every voter starts in class 0 and moves to a
 * new class each time they pay for a project. All class money is an integer numerator over one common
 * denominator `D` (grosze × D), rescaled when a payment needs a finer unit, so every comparison is exact.
 * For each project the engine keeps the weight of its supporters per (class, points); a price is computed from
 * those few entries rather than from individual voters. Prices only rise as money is spent, so a stale price
 * is a lower bound and only projects whose lower bound can still win are re-evaluated.
 *
 * The engine is built once per profile and can run many times (the per-voter budget steps of a completion).
 */
export class MesEngine {
  private readonly m: number;
  private readonly K: number;
  /** Initial supporter weights per project, keyed by points. */
  private readonly initial: Array<Map<number, number>>;
  private readonly groupClass: Int32Array;

  constructor(
    private readonly profile: Profile,
    private readonly ties: TieBreaker,
  ) {
    this.m = profile.projects.length;
    this.K = profile.maxPoints + 1;
    this.initial = profile.supporters.map((s) => {
      const map = new Map<number, number>();
      for (let k = 0; k < s.groups.length; k++) {
        const p = s.points[k];
        map.set(p, (map.get(p) ?? 0) + profile.groups[s.groups[k]].weight);
      }
      return map;
    });
    this.groupClass = new Int32Array(profile.groups.length);
  }

  run(perVoterBudget: Fraction, options: MesRunOptions): MesRun {
    const { profile, m, K, ties } = this;
    const detail = options.detail ?? false;
    const costs = profile.costs;
    const groups = profile.groups;
    const pv = reduce(perVoterBudget);

    // Money classes.
    let D = pv.den;
    const money: bigint[] = [pv.num];
    const classWeight: number[] = [profile.voters];
    const parent: number[] = [-1];
    const viaProject: number[] = [-1];
    const paidEach: Fraction[] = [{ num: 0n, den: 1n }];
    this.groupClass.fill(0);
    const groupClass = this.groupClass;

    // Supporter weights per project keyed by class * K + points; voters without money are dropped.
    const support: Array<Map<number, number>> = this.initial.map((init) => (pv.num > 0n ? new Map(init) : new Map()));

    const alive = new Uint8Array(m);
    const dirty = new Uint8Array(m);
    const rhoNum: bigint[] = new Array(m).fill(0n);
    const rhoDen: bigint[] = new Array(m).fill(1n);
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
    let round = 1;

    // Evaluates project j: the price per point q = qNum/qDen (units of 1/D grosze) at which
    // Σ min(money, q·points) over its supporters equals its cost, or null when the supporters cannot afford it.
    let lastTotal = 0n;
    const evaluate = (j: number): { qNum: bigint; qDen: bigint } | null => {
      const cost = costs[j] * D;
      const map = support[j];
      if (cost === 0n) {
        lastTotal = 0n;
        return { qNum: 0n, qDen: 1n };
      }
      const entries: Array<[bigint, number, number]> = [];
      let total = 0n;
      let R = 0;
      for (const [key, w] of map) {
        const c = Math.floor(key / K);
        const p = key - c * K;
        const mc = money[c];
        entries.push([mc, p, w]);
        total += mc * BigInt(w);
        R += w * p;
      }
      lastTotal = total;
      if (total < cost) return null;
      if (entries.length > 1) {
        entries.sort((a, b) => {
          const l = a[0] * BigInt(b[1]);
          const r = b[0] * BigInt(a[1]);
          return l < r ? -1 : l > r ? 1 : 0;
        });
      }
      let poor = 0n;
      let rest = BigInt(R);
      for (const [mc, p, w] of entries) {
        const need = cost - poor;
        // q = need / rest; this entry pays q·p in full if q·p ≤ its money.
        if (need * BigInt(p) <= mc * rest) return { qNum: need, qDen: rest };
        poor += mc * BigInt(w);
        rest -= BigInt(w * p);
      }
      // Unreachable: total ≥ cost guarantees the last entry satisfies the test.
      throw new Error('equal shares: no price found');
    };

    const markUnaffordable = (j: number) => {
      alive[j] = 0;
      reasons[j] = reason('not-affordable', {
        round,
        money: formatFraction(lastTotal, D),
        cost: formatFraction(costs[j], 1n),
      });
    };

    const setPrice = (j: number, q: { qNum: bigint; qDen: bigint }) => {
      // rho = q / (cost · D), a ratio independent of D.
      rhoNum[j] = q.qNum;
      rhoDen[j] = q.qDen * (costs[j] === 0n ? 1n : costs[j]) * D;
    };

    for (;;) {
      if (detail) {
        // Find every project that has just become unaffordable, so its reason names the exact round.
        for (const j of list) {
          if (!alive[j] || !dirty[j]) continue;
          dirty[j] = 0;
          const q = evaluate(j);
          if (q === null) markUnaffordable(j);
          else setPrice(j, q);
        }
      }
      list = list.filter((j) => alive[j] === 1);
      list.sort((a, b) => cmpFrac(rhoNum[a], rhoDen[a], rhoNum[b], rhoDen[b]));
      let best = -1;
      let roundTies: TieBreakRecord[] = [];
      for (const j of list) {
        if (best >= 0 && cmpFrac(rhoNum[j], rhoDen[j], rhoNum[best], rhoDen[best]) > 0) break;
        if (dirty[j]) {
          dirty[j] = 0;
          const q = evaluate(j);
          if (q === null) {
            markUnaffordable(j);
            continue;
          }
          setPrice(j, q);
        }
        if (best < 0) {
          best = j;
          continue;
        }
        const c = cmpFrac(rhoNum[j], rhoDen[j], rhoNum[best], rhoDen[best]);
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
      }
      if (best < 0) break;
      if (roundTies.length) tieBreaks.push(...roundTies.filter((t) => t.winner === profile.projects[best].id));

      // Fund `best` at price q per point.
      const w = best;
      const q = evaluate(w)!;
      const g = gcd(q.qNum, q.qDen);
      const qn = g > 1n ? q.qNum / g : q.qNum;
      const s = g > 1n ? q.qDen / g : q.qDen;
      if (s !== 1n) {
        D *= s;
        for (let c = 0; c < money.length; c++) if (classWeight[c] > 0) money[c] *= s;
      }
      const trans = new Map<number, number>();
      const payments: MesPayment[] = [];
      let maxPaid = 0n;
      for (const [key, weight] of support[w]) {
        const c = Math.floor(key / K);
        const p = key - c * K;
        const due = qn * BigInt(p);
        const pay = due < money[c] ? due : money[c];
        if (pay > maxPaid) maxPaid = pay;
        const left = money[c] - pay;
        let nc = -1;
        // Voters left without money leave every support map; a class is kept for them only for the record.
        if (left > 0n || detail) {
          nc = money.length;
          money.push(left);
          classWeight.push(0);
          parent.push(c);
          viaProject.push(w);
          paidEach.push({ num: pay, den: D });
        }
        trans.set(key, nc);
        if (detail) payments.push({ voters: weight, points: p, paidEach: { num: pay, den: D } });
      }
      const sup = profile.supporters[w];
      for (let k = 0; k < sup.groups.length; k++) {
        const gi = sup.groups[k];
        const c = groupClass[gi];
        if (c < 0 || money[c] === 0n) continue;
        const nc = trans.get(c * K + sup.points[k])!;
        const weight = groups[gi].weight;
        classWeight[c] -= weight;
        groupClass[gi] = nc;
        if (nc >= 0) classWeight[nc] += weight;
        const stillSupports = nc >= 0 && money[nc] > 0n;
        const items = groups[gi].items;
        const pts = groups[gi].points;
        for (let t = 0; t < items.length; t++) {
          const j = items[t];
          if (!alive[j] || j === w) continue;
          const map = support[j];
          const oldKey = c * K + pts[t];
          const rest = map.get(oldKey)! - weight;
          if (rest === 0) map.delete(oldKey);
          else map.set(oldKey, rest);
          if (stillSupports) {
            const newKey = nc * K + pts[t];
            map.set(newKey, (map.get(newKey) ?? 0) + weight);
          }
          dirty[j] = 1;
        }
      }

      alive[w] = 0;
      support[w].clear();
      selected.push(w);
      spent += costs[w];
      if (detail) {
        const supporters = payments.reduce((a, x) => a + x.voters, 0);
        reasons[w] = reason('selected-mes', {
          round,
          supporters,
          maxPayment: formatFraction(maxPaid, D),
        });
        rounds.push({ round, project: w, rho: reduce({ num: rhoNum[w], den: rhoDen[w] }), payments });
      }
      for (const x of options.conflicts?.[w] ?? []) {
        if (alive[x]) {
          alive[x] = 0;
          reasons[x] = reason('excluded-by', { by: profile.projects[w].id });
        }
      }
      round++;
    }

    const voterGroups: MesVoterGroup[] = [];
    if (detail) {
      const weightByClass = new Map<number, number>();
      for (let gi = 0; gi < groups.length; gi++) {
        const c = groupClass[gi];
        weightByClass.set(c, (weightByClass.get(c) ?? 0) + groups[gi].weight);
      }
      for (const [c, voters] of [...weightByClass].sort((a, b) => b[1] - a[1])) {
        const path: Array<{ project: number; paidEach: Fraction }> = [];
        for (let x = c; x > 0; x = parent[x]) path.push({ project: viaProject[x], paidEach: reduce(paidEach[x]) });
        path.reverse();
        voterGroups.push({ voters, payments: path, left: reduce({ num: money[c], den: D }) });
      }
    }
    return { perVoterBudget: pv, selected, spent, rounds, reasons, tieBreaks, voterGroups };
  }
}
