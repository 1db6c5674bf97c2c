import { Ballot, Election, VoteType, metaNumber, metaValue } from './election';
import { formatMoney, parseMoney } from './money';
import { Reason, reason } from './reasons';

/** What a valid ballot looks like (a pool's ballot configuration, or the limits in a file's META). */
export interface BallotSpec {
  readonly voteType: VoteType;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Cumulative/scoring: minimum and maximum total points of a ballot. */
  readonly minSumPoints?: number;
  readonly maxSumPoints?: number;
  /** Cumulative/scoring: minimum and maximum points given to one project. */
  readonly minPoints?: number;
  readonly maxPoints?: number;
  /** Maximum total cost (grosze) of the projects on a ballot. */
  readonly maxSumCost?: bigint;
  readonly minSumCost?: bigint;
}

/** The ballot spec declared in a file's META. */
export function ballotSpecOf(election: Election): BallotSpec {
  const money = (key: string) => {
    const v = metaValue(election, key);
    return v === undefined ? undefined : (parseMoney(v) ?? undefined);
  };
  return {
    voteType: election.voteType,
    minLength: metaNumber(election, 'min_length'),
    maxLength: metaNumber(election, 'max_length') ?? (election.voteType === 'choose-1' ? 1 : undefined),
    minSumPoints: metaNumber(election, 'min_sum_points'),
    maxSumPoints: metaNumber(election, 'max_sum_points'),
    minPoints: metaNumber(election, 'min_points'),
    maxPoints: metaNumber(election, 'max_points'),
    maxSumCost: money('max_sum_cost'),
    minSumCost: money('min_sum_cost'),
  };
}

/**
 * Checks one ballot against a spec. Returns null for a valid ballot, otherwise the first problem found,
 * with a precise reason (e.g. "ballot has 6 projects, at most 5 allowed").
 */
export function validateBallot(ballot: Ballot, spec: BallotSpec, costs: ReadonlyMap<string, bigint>): Reason | null {
  const ids = ballot.projects;
  const len = ids.length;
  for (let i = 0; i < len; i++) {
    const id = ids[i];
    if (!costs.has(id)) return reason('ballot-unknown-project', { project: id });
    for (let k = 0; k < i; k++) if (ids[k] === id) return reason('ballot-duplicate-project', { project: id });
  }
  const minLength = spec.voteType === 'choose-1' ? Math.max(1, spec.minLength ?? 1) : spec.minLength;
  const maxLength = spec.voteType === 'choose-1' ? Math.min(1, spec.maxLength ?? 1) : spec.maxLength;
  if (minLength !== undefined && len < minLength) {
    return reason('ballot-too-few-projects', { count: len, min: minLength });
  }
  if (maxLength !== undefined && len > maxLength) {
    return reason('ballot-too-many-projects', { count: len, max: maxLength });
  }
  if (spec.voteType === 'cumulative' || spec.voteType === 'scoring') {
    const pts = ballot.points;
    if (!pts || pts.length !== len) return reason('ballot-points-missing', { count: len });
    let sum = 0;
    for (let i = 0; i < len; i++) {
      const p = pts[i];
      if (!Number.isSafeInteger(p) || p < 0) return reason('ballot-bad-points', { project: ids[i], points: p });
      if (spec.voteType === 'cumulative' && p === 0) return reason('ballot-zero-points', { project: ids[i] });
      if (spec.minPoints !== undefined && p < spec.minPoints) {
        return reason('ballot-too-few-points-for-project', { project: ids[i], points: p, min: spec.minPoints });
      }
      if (spec.maxPoints !== undefined && p > spec.maxPoints) {
        return reason('ballot-too-many-points-for-project', { project: ids[i], points: p, max: spec.maxPoints });
      }
      sum += p;
    }
    if (spec.minSumPoints !== undefined && sum < spec.minSumPoints) {
      return reason('ballot-too-few-points', { sum, min: spec.minSumPoints });
    }
    if (spec.maxSumPoints !== undefined && sum > spec.maxSumPoints) {
      return reason('ballot-too-many-points', { sum, max: spec.maxSumPoints });
    }
  }
  if (spec.maxSumCost !== undefined || spec.minSumCost !== undefined) {
    let total = 0n;
    for (const id of ids) total += costs.get(id)!;
    if (spec.maxSumCost !== undefined && total > spec.maxSumCost) {
      return reason('ballot-too-costly', { total: formatMoney(total), max: formatMoney(spec.maxSumCost) });
    }
    if (spec.minSumCost !== undefined && total < spec.minSumCost) {
      return reason('ballot-too-cheap', { total: formatMoney(total), min: formatMoney(spec.minSumCost) });
    }
  }
  return null;
}
