import { createHash } from 'node:crypto';
import { BallotSpec } from './ballot';
import { Election } from './election';

/**
 * SHA-256 of the normalised input of a tally: vote type, budget, ballot spec, projects (id and cost, sorted by
 * id), ballots (projects as ranks in id order, with points; sorted within a ballot except for ordinal ballots;
 * the ballots themselves sorted, so voter ids and row order do not matter), and the rule configuration
 * including the seed. Descriptive columns (names, voter metadata) are not part of it.
 */
export function inputSha256(election: Election, spec: BallotSpec, config: Record<string, unknown>): string {
  const h = createHash('sha256');
  const ordered = election.voteType === 'ordinal';
  const withPoints = election.voteType === 'cumulative' || election.voteType === 'scoring';
  h.update('civitas-tally-input/1\n');
  h.update(`config ${stableJson(config)}\n`);
  h.update(`vote_type ${JSON.stringify(election.voteType)}\n`);
  h.update(`budget ${election.budget}\n`);
  h.update(`spec ${stableJson(spec)}\n`);
  // Projects are ranked by id, so the canonical ballots do not depend on the order of rows in the file.
  const projects = [...election.projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rank = new Map<string, number>();
  projects.forEach((p, r) => {
    rank.set(p.id, r);
    h.update(`project ${JSON.stringify(p.id)} ${p.cost}\n`);
  });
  const ballots: string[] = new Array(election.ballots.length);
  const r = new Int32Array(64);
  const v = new Float64Array(64);
  let b = 0;
  for (const ballot of election.ballots) {
    const ids = ballot.projects;
    const L = ids.length;
    let key = '';
    if (ordered || L > 64) {
      for (let k = 0; k < L; k++) key += `${rank.get(ids[k]) ?? JSON.stringify(ids[k])}${withPoints ? `:${ballot.points?.[k]}` : ''},`;
      if (!ordered) key = key.split(',').sort().join(',');
    } else {
      for (let k = 0; k < L; k++) {
        const x = rank.get(ids[k]) ?? -1;
        const p = withPoints ? (ballot.points?.[k] ?? -1) : 1;
        let t = k;
        while (t > 0 && r[t - 1] > x) {
          r[t] = r[t - 1];
          v[t] = v[t - 1];
          t--;
        }
        r[t] = x;
        v[t] = p;
      }
      for (let k = 0; k < L; k++) key += withPoints ? `${r[k]}:${v[k]},` : `${r[k]},`;
    }
    ballots[b++] = key;
  }
  ballots.sort();
  let chunk = '';
  for (const line of ballots) {
    chunk += `ballot ${line}\n`;
    if (chunk.length > 65536) {
      h.update(chunk);
      chunk = '';
    }
  }
  h.update(chunk);
  return h.digest('hex');
}

/** JSON with object keys sorted and bigints as strings, so equal inputs serialise identically. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}
