import { createHash } from 'node:crypto';
import { BallotSpec } from './ballot';
import { Election } from './election';

/**
 * SHA-256 of the normalised input of a tally: vote type, budget, ballot spec, projects (id and cost, sorted by
 * id), ballots (canonical form, sorted; voter ids and row order do not matter), and the rule configuration
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
  const projects = [...election.projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of projects) h.update(`project ${JSON.stringify(p.id)} ${p.cost}\n`);
  const ballots = election.ballots.map((b) => {
    if (ordered) return JSON.stringify(b.projects);
    const pairs = b.projects.map((id, k) => [id, withPoints ? (b.points?.[k] ?? null) : 1] as const);
    pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    return JSON.stringify(withPoints ? pairs : pairs.map(([id]) => id));
  });
  ballots.sort();
  for (const b of ballots) h.update(`ballot ${b}\n`);
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
