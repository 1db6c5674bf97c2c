import { BallotSpec, validateBallot } from './ballot';
import { Election, Project } from './election';
import { Reason } from './reasons';

/** Ballots turned into integer-indexed, merged form for the rules. Only valid ballots are counted. */
export interface Profile {
  readonly projects: readonly Project[];
  readonly index: ReadonlyMap<string, number>;
  readonly costs: readonly bigint[];
  /** Number of valid ballots (voters). */
  readonly voters: number;
  /** Distinct ballots; identical ballots are merged into one group with a weight. */
  readonly groups: readonly VoterGroup[];
  /** Per project: voters supporting it (weighted). */
  readonly votes: readonly number[];
  /** Per project: score (votes for approval/choose-1, points for cumulative/scoring, L..1 for ordinal). */
  readonly score: readonly number[];
  /** Per project: indexes of the groups supporting it, with the points each gives (parallel arrays). */
  readonly supporters: readonly SupportList[];
  /** Largest number of points one voter gives one project (1 for approval). */
  readonly maxPoints: number;
  readonly invalid: ReadonlyArray<{ readonly voterId: string; readonly reason: Reason }>;
}

export interface VoterGroup {
  readonly weight: number;
  /** Project indexes, ascending. */
  readonly items: Int32Array;
  /** Points per item (1 for approval and choose-1, the ordinal score L..1 for ordinal ballots). */
  readonly points: Int32Array;
}

export interface SupportList {
  readonly groups: Int32Array;
  readonly points: Int32Array;
}

/** Validates the ballots against `spec` and merges identical valid ballots. */
export function buildProfile(election: Election, spec: BallotSpec): Profile {
  const projects = election.projects;
  const index = new Map<string, number>();
  projects.forEach((p, i) => index.set(p.id, i));
  const costMap = new Map(projects.map((p) => [p.id, p.cost] as const));
  const m = projects.length;
  const invalid: Array<{ voterId: string; reason: Reason }> = [];
  const byKey = new Map<string, number>();
  const weights: number[] = [];
  const items: Int32Array[] = [];
  const pts: Int32Array[] = [];
  const votes = new Array<number>(m).fill(0);
  const score = new Array<number>(m).fill(0);
  const vt = election.voteType;
  let voters = 0;
  let maxPoints = 1;

  const idx = new Int32Array(Math.max(1, m));
  const val = new Int32Array(Math.max(1, m));
  for (const ballot of election.ballots) {
    const problem = validateBallot(ballot, spec, costMap);
    if (problem) {
      invalid.push({ voterId: ballot.voterId, reason: problem });
      continue;
    }
    voters++;
    const L = ballot.projects.length;
    // Items sorted by project index (insertion sort: ballots are short).
    for (let k = 0; k < L; k++) {
      const j = index.get(ballot.projects[k])!;
      const p = vt === 'cumulative' || vt === 'scoring' ? ballot.points![k] : vt === 'ordinal' ? L - k : 1;
      let t = k;
      while (t > 0 && idx[t - 1] > j) {
        idx[t] = idx[t - 1];
        val[t] = val[t - 1];
        t--;
      }
      idx[t] = j;
      val[t] = p;
    }
    let key = '';
    let kept = 0;
    for (let k = 0; k < L; k++) {
      const j = idx[k];
      const p = val[k];
      key += p === 1 ? `${j},` : `${j}:${p},`;
      votes[j]++;
      score[j] += p;
      if (p > maxPoints) maxPoints = p;
      if (p > 0) kept++;
    }
    const g = byKey.get(key);
    if (g !== undefined) {
      weights[g]++;
      continue;
    }
    // Items with zero points carry no support and are left out of the group.
    const gi = new Int32Array(kept);
    const gp = new Int32Array(kept);
    for (let k = 0, t = 0; k < L; k++) {
      if (val[k] > 0) {
        gi[t] = idx[k];
        gp[t++] = val[k];
      }
    }
    byKey.set(key, weights.length);
    weights.push(1);
    items.push(gi);
    pts.push(gp);
  }

  const groups: VoterGroup[] = weights.map((weight, g) => ({ weight, items: items[g], points: pts[g] }));
  const counts = new Array<number>(m).fill(0);
  for (const g of groups) for (const j of g.items) counts[j]++;
  const supGroups = counts.map((c) => new Int32Array(c));
  const supPoints = counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(m).fill(0);
  groups.forEach((g, gi) => {
    for (let k = 0; k < g.items.length; k++) {
      const j = g.items[k];
      supGroups[j][fill[j]] = gi;
      supPoints[j][fill[j]++] = g.points[k];
    }
  });
  return {
    projects,
    index,
    costs: projects.map((p) => p.cost),
    voters,
    groups,
    votes,
    score,
    supporters: supGroups.map((groups, j) => ({ groups, points: supPoints[j] })),
    maxPoints,
    invalid,
  };
}
