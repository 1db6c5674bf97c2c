import { Fraction } from './mes';
import { formatFraction, formatMoney } from './money';
import { Reason } from './reasons';
import { TallyResult } from './tally';

/** An exact amount: PLN rounded to 4 decimals for reading, and the exact fraction of grosze. */
function amount(f: Fraction) {
  const den = f.den;
  return { pln: formatFraction(f.num, den, 4), grosze: den === 1n ? f.num.toString() : `${f.num}/${den}` };
}

function reasonJson(r: Reason | undefined) {
  return r ? { code: r.code, params: r.params, en: r.en, pl: r.pl } : null;
}

/**
 * The JSON form of a result (what `tally --json` prints). Money is a PLN decimal string with two decimals
 * (`budget`, `spent`, `cost`) plus the exact integer grosze as a string (`budgetGrosze`, …); exact fractions of
 * grosze (Equal Shares payments) are given as `"num/den"`. Equal Shares voter groups are many on large
 * elections (tens of thousands on a city-wide vote); only the largest `voterGroupLimit` are included, with
 * `voterGroupsTotal` giving their number.
 */
export interface TallyJsonOptions {
  /** How many voter groups of Equal Shares to include, largest first (default 50; `Infinity` for all). */
  readonly voterGroupLimit?: number;
}

export function tallyResultToJson(result: TallyResult, options: TallyJsonOptions = {}) {
  const limit = options.voterGroupLimit ?? 50;
  return {
    rule: result.rule,
    voteType: result.voteType,
    seed: result.seed,
    budget: formatMoney(result.budget),
    budgetGrosze: result.budget.toString(),
    spent: formatMoney(result.spent),
    spentGrosze: result.spent.toString(),
    left: formatMoney(result.budget - result.spent),
    selected: [...result.selected],
    inputSha256: result.inputSha256,
    threshold: result.threshold ?? null,
    exclusions: result.exclusions,
    topUpPercent: result.topUpPercent ?? null,
    topUp: result.topUp
      ? {
          project: result.topUp.project,
          fromBudget: formatMoney(result.topUp.fromBudget),
          fromBudgetGrosze: result.topUp.fromBudget.toString(),
          reserve: formatMoney(result.topUp.reserve),
          reserveGrosze: result.topUp.reserve.toString(),
        }
      : null,
    ballots: {
      total: result.ballots.total,
      valid: result.ballots.valid,
      invalid: result.ballots.invalid.map((b) => ({ voterId: b.voterId, reason: reasonJson(b.reason) })),
    },
    projects: result.projects.map((p) => ({
      id: p.id,
      name: p.name ?? null,
      cost: formatMoney(p.cost),
      costGrosze: p.cost.toString(),
      votes: p.votes,
      score: p.score,
      selected: p.selected,
      position: p.position,
      reason: reasonJson(p.reason),
    })),
    tieBreaks: result.tieBreaks.map((t) => ({
      stage: t.stage,
      winner: t.winner,
      loser: t.loser,
      criterion: t.criterion,
      reason: reasonJson(t.reason),
    })),
    mes: result.mes
      ? {
          perVoterBudget: amount(result.mes.perVoterBudget),
          firstPerVoterBudget: result.mes.firstPerVoterBudget ? amount(result.mes.firstPerVoterBudget) : null,
          runs: result.mes.runs,
          ineligible: result.mes.ineligible,
          completion: result.mes.completion,
          rounds: result.mes.rounds.map((r) => ({
            round: r.round,
            project: r.projectId,
            rho: `${r.rho.num}/${r.rho.den}`,
            payments: r.payments.map((p) => ({ voters: p.voters, points: p.points, paidEach: amount(p.paidEach) })),
          })),
          voterGroupsTotal: result.mes.voterGroups.length,
          voterGroups: result.mes.voterGroups.slice(0, limit).map((g) => ({
            voters: g.voters,
            payments: g.payments.map((p) => ({ project: p.project, paidEach: amount(p.paidEach) })),
            left: amount(g.left),
          })),
        }
      : null,
    comparison: result.comparison ?? null,
  };
}

export type TallyResultJson = ReturnType<typeof tallyResultToJson>;
