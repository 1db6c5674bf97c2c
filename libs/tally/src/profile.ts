import { BallotSpec, validateBallot } from './ballot';
import { Election, Project } from './election';
import { Reason } from './reasons';

/**
 * Ballots turned into integer-indexed, merged form for the rules. Only valid ballots are counted. Identical
 * ballots are merged into one group with a weight; groups and supporter lists are stored as flat arrays.
 */
export interface Profile {
  readonly projects: readonly Project[];
  readonly index: ReadonlyMap<string, number>;
  readonly costs: readonly bigint[];
  /** Number of valid ballots (voters). */
  readonly voters: number;
  /** Number of distinct valid ballots. */
  readonly groupCount: number;
  /**
   * Canonical text of each group's ballot: `rank` or `rank:points` per project, in order of rank, where a
   * project's rank is its position among the project ids sorted as strings. Independent of the order of rows.
   */
  readonly groupKeys: readonly string[];
  readonly groupWeight: Int32Array;
  /** Group g's projects are groupItems[groupStart[g] .. groupStart[g + 1]), ascending, with groupPoints alongside. */
  readonly groupStart: Int32Array;
  readonly groupItems: Int32Array;
  /** Points per item: 1 for approval and choose-1, the ordinal score L..1 for ordinal ballots. */
  readonly groupPoints: Int32Array;
  /** Per project: voters supporting it. */
  readonly votes: readonly number[];
  /** Per project: score (votes for approval/choose-1, points for cumulative/scoring, L..1 for ordinal). */
  readonly score: readonly number[];
  /** Project j's supporting groups are supGroups[supStart[j] .. supStart[j + 1]), with supPoints alongside. */
  readonly supStart: Int32Array;
  readonly supGroups: Int32Array;
  readonly supPoints: Int32Array;
  /** Largest number of points one voter gives one project (1 for approval). */
  readonly maxPoints: number;
  readonly invalid: ReadonlyArray<{ readonly voterId: string; readonly reason: Reason }>;
}

/** Validates the ballots against `spec` and merges identical valid ballots. */
export function buildProfile(election: Election, spec: BallotSpec): Profile {
  const projects = election.projects;
  const index = new Map<string, number>();
  projects.forEach((p, i) => index.set(p.id, i));
  // Ballots are keyed by project rank (id order), so identical ballots merge and keys do not depend on row order.
  const byId = projects.map((_, i) => i).sort((a, b) => (projects[a].id < projects[b].id ? -1 : projects[a].id > projects[b].id ? 1 : 0));
  const rankOf = new Int32Array(projects.length);
  byId.forEach((j, r) => (rankOf[j] = r));
  const costMap = new Map(projects.map((p) => [p.id, p.cost] as const));
  const m = projects.length;
  const invalid: Array<{ voterId: string; reason: Reason }> = [];
  const byKey = new Map<string, number>();
  const weights: number[] = [];
  const keys: string[] = [];
  const starts: number[] = [0];
  const items: number[] = [];
  const pts: number[] = [];
  const votes = new Array<number>(m).fill(0);
  const score = new Array<number>(m).fill(0);
  const vt = election.voteType;
  const withPoints = vt === 'cumulative' || vt === 'scoring';
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
    const ids = ballot.projects;
    const L = ids.length;
    // Items sorted by project rank (insertion sort: ballots are short).
    for (let k = 0; k < L; k++) {
      const j = index.get(ids[k])!;
      const p = withPoints ? ballot.points![k] : vt === 'ordinal' ? L - k : 1;
      let t = k;
      while (t > 0 && rankOf[idx[t - 1]] > rankOf[j]) {
        idx[t] = idx[t - 1];
        val[t] = val[t - 1];
        t--;
      }
      idx[t] = j;
      val[t] = p;
    }
    let key = '';
    for (let k = 0; k < L; k++) {
      const j = idx[k];
      const p = val[k];
      key += p === 1 ? `${rankOf[j]},` : `${rankOf[j]}:${p},`;
      votes[j]++;
      score[j] += p;
      if (p > maxPoints) maxPoints = p;
    }
    const g = byKey.get(key);
    if (g !== undefined) {
      weights[g]++;
      continue;
    }
    byKey.set(key, weights.length);
    keys.push(key);
    weights.push(1);
    // Items with zero points carry no support and are left out of the group.
    for (let k = 0; k < L; k++) {
      if (val[k] > 0) {
        items.push(idx[k]);
        pts.push(val[k]);
      }
    }
    starts.push(items.length);
  }

  const groupCount = weights.length;
  const groupItems = Int32Array.from(items);
  const groupPoints = Int32Array.from(pts);
  const { supStart, supGroups, supPoints } = supportersOf(m, groupCount, starts, groupItems, groupPoints);
  return {
    projects,
    index,
    costs: projects.map((p) => p.cost),
    voters,
    groupCount,
    groupKeys: keys,
    groupWeight: Int32Array.from(weights),
    groupStart: Int32Array.from(starts),
    groupItems,
    groupPoints,
    votes,
    score,
    supStart,
    supGroups,
    supPoints,
    maxPoints,
    invalid,
  };
}

/**
 * Group indices in an order that keeps groups with the same projects close together: each ballot's projects
 * are ranked by `rank` (lower first) and the ballots are sorted lexicographically by those ranks.
 */
export function localityOrder(profile: Profile, rank: ArrayLike<number>): Int32Array {
  const { groupStart, groupItems } = profile;
  const G = profile.groupCount;
  const sorted: Int32Array[] = new Array(G);
  for (let g = 0; g < G; g++) {
    const r = new Int32Array(groupStart[g + 1] - groupStart[g]);
    for (let t = groupStart[g]; t < groupStart[g + 1]; t++) r[t - groupStart[g]] = rank[groupItems[t]];
    sorted[g] = r.sort();
  }
  const order = Array.from({ length: G }, (_, g) => g);
  order.sort((a, b) => {
    const x = sorted[a];
    const y = sorted[b];
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length || a - b;
  });
  return Int32Array.from(order);
}

/**
 * The profile with only the projects for which `keep` is true left on the ballots, ballots that become equal
 * merged again and ballots left empty dropped; groups are taken in `order`. Projects keep their indices;
 * `votes`, `score`, `voters` and `groupKeys` are those of the full profile (the restricted profile serves only
 * the rules' inner loops).
 */
export function restrictProfile(profile: Profile, keep: readonly boolean[], order: Int32Array): Profile {
  const m = profile.projects.length;
  const { groupStart, groupItems, groupPoints, groupWeight } = profile;
  const G = profile.groupCount;
  // Open-addressing table of the groups built so far, keyed by a hash of their (project, points) items.
  let size = 1024;
  while (size < 2 * G) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const weights: number[] = [];
  const starts: number[] = [0];
  const items: number[] = [];
  const pts: number[] = [];
  for (let o = 0; o < G; o++) {
    const g = order[o];
    const from = items.length;
    let h = 0x811c9dc5;
    for (let t = groupStart[g]; t < groupStart[g + 1]; t++) {
      const j = groupItems[t];
      if (!keep[j]) continue;
      items.push(j);
      pts.push(groupPoints[t]);
      h = Math.imul(h ^ j, 0x01000193);
      h = Math.imul(h ^ groupPoints[t], 0x01000193);
    }
    const len = items.length - from;
    if (len === 0) continue;
    let slot = (h >>> 0) & (size - 1);
    let found = -1;
    for (; table[slot] >= 0; slot = (slot + 1) & (size - 1)) {
      const e = table[slot];
      const s0 = starts[e];
      if (starts[e + 1] - s0 !== len) continue;
      let same = true;
      for (let i = 0; i < len && same; i++) same = items[s0 + i] === items[from + i] && pts[s0 + i] === pts[from + i];
      if (same) {
        found = e;
        break;
      }
    }
    if (found >= 0) {
      weights[found] += groupWeight[g];
      items.length = from;
      pts.length = from;
      continue;
    }
    table[slot] = weights.length;
    weights.push(groupWeight[g]);
    starts.push(items.length);
  }
  const groupCount = weights.length;
  const { supStart, supGroups, supPoints } = supportersOf(m, groupCount, starts, items, pts);
  return {
    ...profile,
    groupCount,
    groupWeight: Int32Array.from(weights),
    groupStart: Int32Array.from(starts),
    groupItems: Int32Array.from(items),
    groupPoints: Int32Array.from(pts),
    supStart,
    supGroups,
    supPoints,
  };
}

/**
 * Inverts the group → (project, points) lists into project → (group, points) lists (CSR layout): the supporters of
 * project j are supGroups[supStart[j] .. supStart[j + 1]), in group order.
 */
function supportersOf(
  m: number,
  groupCount: number,
  starts: ArrayLike<number>,
  items: ArrayLike<number>,
  pts: ArrayLike<number>,
): { supStart: Int32Array; supGroups: Int32Array; supPoints: Int32Array } {
  const supStart = new Int32Array(m + 1);
  for (let t = 0; t < items.length; t++) supStart[items[t] + 1]++;
  for (let j = 0; j < m; j++) supStart[j + 1] += supStart[j];
  const supGroups = new Int32Array(items.length);
  const supPoints = new Int32Array(items.length);
  const fill = supStart.slice(0, m);
  for (let g = 0; g < groupCount; g++) {
    for (let t = starts[g]; t < starts[g + 1]; t++) {
      const j = items[t];
      supGroups[fill[j]] = g;
      supPoints[fill[j]++] = pts[t];
    }
  }
  return { supStart, supGroups, supPoints };
}
