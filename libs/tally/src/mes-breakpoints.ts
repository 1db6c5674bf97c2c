/**
 * How far the per-voter budget b of an Equal Shares run can rise before the answers the add1 completion needs from
 * it — does the outcome cost more than the budget, does it select every supported project — can change. The
 * completion skips the budgets in between, where the answers are known.
 *
 * A run at b0 records the decisions it took, each as an amount known at b0 together with its rate of change in b
 * (doubles, with error bounds). The *model* continues every amount along its rate. It is exact as long as every voter
 * who paid all they had in some round still falls short of that round's share; past that point such voters keep a
 * little money, and the real amounts differ from the model by a bounded perturbation:
 *
 * * E, the total |real money − model money| over the voters who still support a project to be decided, starts at 0
 *   and grows in a round by what such voters keep and by what the others pay instead;
 * * a voter of a class that has money in the model differs from it by at most D, the sum of the changes of the
 *   prices it paid (such a class paid the share every time), since voters of one class are treated alike by both;
 * * the winner's price per point changes by at most (E + kept) / R, R the points of those who pay the share.
 *
 * A decision holds while its margin in the model exceeds what the perturbation can do to it: a project not funded
 * in a round stays dearer than the winner (its price per unit, a lower bound from its last evaluation, lowered by
 * E / (its rich points × cost), against the winner's raised by the change of its price); a voter who paid the share
 * keeps doing so (margin > D + p·dq); the winner stays affordable. A project found unaffordable stays so while its
 * supporters' money plus E stays below its cost; once it may be affordable it can still change nothing if it cannot
 * win any later round (its price per unit is at least 1 / (its supporters' points)) and it fits, with the others
 * like it, in what the run left over — the budget not spent or still in play, and the number of projects.
 *
 * Every bound only grows with b, so the largest safe b is found by bisection.
 */
export class MesBreakpoints {
  constructor(private readonly maxPoints: number) {}

  // Per round (index = round − 1): the winner's rich points, cost, price per unit at b0, affordability margin.
  private readonly winnerPts: number[] = [];
  private readonly cost: number[] = [];
  private readonly rho: number[] = [];
  private readonly affGap: number[] = [];
  private readonly affRate: number[] = [];
  // Voters of the round's winner who paid all they had: shortfall η at b0 (minus rounding), its rate of decrease,
  // points, weight, and weight of those who support a project still to be decided.
  private poorRound = new Int32Array(256);
  private poorEta = new Float64Array(256);
  private poorRate = new Float64Array(256);
  private poorPts = new Int32Array(256);
  private poorW = new Float64Array(256);
  private poorRel = new Float64Array(256);
  private poorN = 0;
  // Voters of the round's winner who paid the share: margin over it at b0 (minus rounding; it only grows), points.
  private readonly richRound: number[] = [];
  private readonly richGamma: number[] = [];
  private readonly richPts: number[] = [];
  private readonly richW: number[] = [];
  // Projects not funded in a round although affordable.
  private readonly cRound: number[] = [];
  private readonly cGap: number[] = [];
  private readonly cRate: number[] = [];
  private readonly cScale: number[] = [];
  // Projects found unaffordable.
  private readonly dRound: number[] = [];
  private readonly dGap: number[] = [];
  private readonly dRate: number[] = [];
  private readonly dCost: number[] = [];
  private readonly dMinRho: number[] = [];
  // What the run left over: money and number of projects (negative: nothing).
  private slackMoney = -1;
  private slackCount = -1;

  /**
   * A project not funded in `round` although affordable: its price per unit exceeds the winner's by `gap` (± `err`)
   * at b0, a margin that shrinks by `rate` (± `rateErr`) per grosz; `richPts` are the points of its supporters who
   * pay the share at its price.
   */
  compete(round: number, gap: number, err: number, rate: number, rateErr: number, richPts: number, cost: number): void {
    this.cRound.push(round);
    this.cGap.push(gap - err);
    this.cRate.push(rate + rateErr);
    this.cScale.push(richPts > 0 && cost > 0 ? 1 / (richPts * cost) : Infinity);
  }

  /**
   * A project found unaffordable at the start of `round`: its supporters lack `gap` (± `err`) grosze, which closes by
   * `rate` per grosz; `allPts` are the points of all its supporters.
   */
  unaffordable(round: number, gap: number, err: number, rate: number, cost: number, allPts: number): void {
    this.dRound.push(round);
    this.dGap.push(gap - err);
    this.dRate.push(rate * (1 + 1e-9));
    this.dCost.push(cost);
    this.dMinRho.push(allPts > 0 ? (1 / allPts) * (1 - 1e-9) : Infinity);
  }

  /** The winner of `round`: rich points, cost, price per unit, affordability margin (minus rounding) and its rate. */
  winner(round: number, richPts: number, cost: number, rho: number, affGap: number, affRate: number): void {
    const i = round - 1;
    this.winnerPts[i] = richPts;
    this.cost[i] = cost;
    this.rho[i] = rho * (1 + 1e-9);
    this.affGap[i] = affGap;
    this.affRate[i] = affRate;
  }

  /** Whether voters who paid the share with this margin could stop doing so within the limits of the search. */
  richMatters(round: number, gamma: number, points: number): boolean {
    return gamma < MAX_DQ * (this.maxPoints * round + points);
  }

  /**
   * Whether voters who paid all they had, short of the share by `eta` (a shortfall that falls by `rate` per grosz),
   * could keep money within the limits of the search (the round's winner has `richPts` rich points).
   */
  poorMatters(eta: number, rate: number, points: number, richPts: number): boolean {
    return eta - rate * MAX_RANGE < MAX_DQ * this.maxPoints * MAX_ROUNDS + (richPts > 0 ? (points * MAX_E) / richPts : Infinity);
  }

  /** Voters of the winner of `round` who paid the share and keep `gamma` (minus rounding) more. */
  rich(round: number, gamma: number, points: number, weight: number): void {
    this.richRound.push(round);
    this.richGamma.push(gamma);
    this.richPts.push(points);
    this.richW.push(weight);
  }

  /** Voters of the winner of `round` who paid all they had. */
  poor(round: number, eta: number, rate: number, points: number, weight: number, relevant: number): void {
    if (this.poorN === this.poorRound.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.set(a);
        return b;
      };
      this.poorRound = grow(this.poorRound);
      this.poorEta = grow(this.poorEta);
      this.poorRate = grow(this.poorRate);
      this.poorPts = grow(this.poorPts);
      this.poorW = grow(this.poorW);
      this.poorRel = grow(this.poorRel);
    }
    const n = this.poorN++;
    this.poorRound[n] = round;
    this.poorEta[n] = eta;
    this.poorRate[n] = rate * (1 + 1e-9);
    this.poorPts[n] = points;
    this.poorW[n] = weight;
    this.poorRel[n] = relevant;
  }

  /** Forgets the records of the previous run (the storage is kept). */
  reset(): this {
    for (const a of [this.winnerPts, this.cost, this.rho, this.affGap, this.affRate, this.richRound, this.richGamma, this.richPts, this.richW]) a.length = 0;
    for (const a of [this.cRound, this.cGap, this.cRate, this.cScale, this.dRound, this.dGap, this.dRate, this.dCost, this.dMinRho]) a.length = 0;
    this.poorN = 0;
    this.slackMoney = -1;
    this.slackCount = -1;
    return this;
  }

  /** The run ended without exceeding the budget: the money and the number of projects it left over. */
  end(money: number, count: number): void {
    this.slackMoney = money;
    this.slackCount = count;
  }

  /** The largest Δ (grosze) such that every budget in [b0, b0 + Δ] gives the same answers as b0. */
  solve(): number {
    let hi = MAX_RANGE;
    for (let k = 0; k < this.cRound.length; k++) {
      if (this.cRate[k] > 0) hi = Math.min(hi, this.cGap[k] <= 0 ? 0 : this.cGap[k] / this.cRate[k]);
    }
    if (hi === 0) return 0;
    const rounds = this.winnerPts.length;
    const maxD = MAX_DQ * this.maxPoints * Math.min(rounds, MAX_ROUNDS);
    // Only the voters who could cross within [0, hi] while the perturbation stays within its limits matter.
    const poorBy: number[][] = Array.from({ length: rounds }, () => []);
    for (let n = 0; n < this.poorN; n++) {
      const r = this.poorRound[n] - 1;
      const R = this.winnerPts[r];
      const reach = R > 0 ? maxD + (this.poorPts[n] * MAX_E) / R : Infinity;
      if (this.poorEta[n] - this.poorRate[n] * hi < reach) poorBy[r].push(n);
    }
    const richBy: number[][] = Array.from({ length: rounds }, () => []);
    for (let n = 0; n < this.richRound.length; n++) {
      if (this.richGamma[n] < maxD + this.richPts[n] * MAX_DQ) richBy[this.richRound[n] - 1].push(n);
    }
    const cBy: number[][] = Array.from({ length: rounds + 1 }, () => []);
    for (let k = 0; k < this.cRound.length; k++) cBy[Math.min(this.cRound[k], rounds + 1) - 1].push(k);
    const dq = new Float64Array(rounds);

    const holds = (delta: number): boolean => {
      let E = 0;
      let D = 0;
      for (let r = 0; r < rounds; r++) {
        // Within these limits the voters left unrecorded cannot matter (see richMatters, poorMatters).
        if (E > MAX_E || r >= MAX_ROUNDS || D > MAX_DQ * this.maxPoints * r) return false;
        const R = this.winnerPts[r];
        // The winner's price per point changes by at most `change`: each voter differs from the model by at most D,
        // so classes whose margin over the share (or shortfall) exceeds t = D + p·change pay as in the model (the
        // share moved by the price change, or all they have); the others may pay anything in between. The rich
        // classes that surely pay the share absorb the difference: change ≤ (E + Σ uncertain) / R_sure, a fixed
        // point reached from below.
        const poor = poorBy[r];
        const rich = richBy[r];
        let change = 0;
        let kept = 0;
        let keptRel = 0;
        let lost = 0;
        if (poor.length > 0 || rich.length > 0 || E > 0 || D > 0) {
          if (!(R > 0)) return false;
          let settled = false;
          change = E / R;
          for (let it = 0; it < 30; it++) {
            let unsure = E;
            let unsurePts = 0;
            kept = 0;
            keptRel = 0;
            lost = 0;
            for (const n of poor) {
              const v = D + this.poorPts[n] * change - (this.poorEta[n] - this.poorRate[n] * delta);
              if (v > 0) {
                kept += this.poorW[n] * v;
                keptRel += this.poorRel[n] * v;
              }
            }
            for (const n of rich) {
              const t = D + this.richPts[n] * change;
              if (this.richGamma[n] <= t) {
                lost += this.richW[n] * (this.richGamma[n] + t);
                unsurePts += this.richW[n] * this.richPts[n];
              }
            }
            unsure += kept + lost;
            const sure = R - unsurePts;
            if (!(sure > 0)) return false;
            const next = unsure / sure;
            if (next <= change * (1 + 1e-9) + 1e-300) {
              settled = true;
              break;
            }
            change = next;
            if (change > MAX_DQ) return false;
          }
          if (!settled) return false;
        }
        dq[r] = change;
        // The winner stays affordable.
        if (E > 0 && this.affGap[r] + this.affRate[r] * delta < E) return false;
        // Every other project stays dearer than the winner.
        const wTerm = change > 0 ? (this.cost[r] > 0 ? change / this.cost[r] : Infinity) : 0;
        for (const k of cBy[r]) {
          const need = (E > 0 ? E * this.cScale[k] : 0) + wTerm;
          if (this.cGap[k] - this.cRate[k] * delta <= need) return false;
        }
        E = E + kept + keptRel + lost;
        // Classes that may have stopped paying the share hold nothing in reality but their margin in the model.
        D = lost > 0 ? 2 * (D + this.maxPoints * change) : D + this.maxPoints * change;
      }
      if (E > MAX_E) return false;
      for (const k of cBy[rounds]) {
        if (this.cGap[k] - this.cRate[k] * delta <= (E > 0 ? E * this.cScale[k] : 0)) return false;
      }
      // Projects found unaffordable: their supporters' money only falls over the rounds; with E they may reach the
      // cost by the end. Those that may must be unable to win any later round, and fit in what was left over.
      let money = 0;
      let count = 0;
      for (let k = 0; k < this.dRound.length; k++) {
        if (this.dGap[k] - this.dRate[k] * delta > E) continue;
        if (this.slackCount < 0) return false;
        for (let r = this.dRound[k] - 1; r < rounds; r++) {
          if (this.rho[r] + (this.cost[r] > 0 ? dq[r] / this.cost[r] : dq[r] > 0 ? Infinity : 0) >= this.dMinRho[k]) return false;
        }
        money += this.dCost[k];
        count++;
      }
      return count === 0 || (money <= this.slackMoney && count <= this.slackCount);
    };

    if (holds(hi)) return hi;
    if (!holds(0)) return 0;
    let lo = 0;
    for (let it = 0; it < 60 && hi - lo > 1e-3 * Math.max(1, lo); it++) {
      const mid = (lo + hi) / 2;
      if (holds(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Limits of the search (grosze): how far it looks (1 000 PLN), the total perturbation E, the change of a winner's price
 * per point, and the rounds it follows with a perturbation. Beyond them it does not skip; they bound which voters
 * have to be recorded.
 */
const MAX_RANGE = 1e5;
const MAX_E = 1e6;
const MAX_DQ = 20;
const MAX_ROUNDS = 200;
