import { createHash } from 'node:crypto';
import { BallotSpec } from './ballot';
import { Election } from './election';
import { Profile } from './profile';

/**
 * SHA-256 of the normalised input of a tally: the rule configuration (rule, seed, threshold, exclusions, tie-break
 * chains, completion options), the vote type, the budget, the ballot spec, the projects (id and cost, sorted by
 * id) and the ballots as a multiset: each distinct valid ballot in canonical form (see
 * {@link Profile.groupKeys}) with its count, sorted, then the invalid ballots as given, sorted. Voter ids, the
 * order of rows and descriptive columns (names, voter metadata) are not part of it.
 */
export function inputSha256(election: Election, profile: Profile, spec: BallotSpec, config: Record<string, unknown>): string {
  const h = createHash('sha256');
  h.update('civitas-tally-input/1\n');
  h.update(`config ${stableJson(config)}\n`);
  h.update(`vote_type ${JSON.stringify(election.voteType)}\n`);
  h.update(`budget ${election.budget}\n`);
  h.update(`spec ${stableJson(spec)}\n`);
  const projects = [...election.projects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of projects) h.update(`project ${JSON.stringify(p.id)} ${p.cost}\n`);
  const order = profile.groupKeys.map((_, g) => g);
  const keys = profile.groupKeys;
  order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  let chunk = '';
  for (const g of order) {
    chunk += `ballot ${keys[g]} x${profile.groupWeight[g]}\n`;
    if (chunk.length > 65536) {
      h.update(chunk);
      chunk = '';
    }
  }
  h.update(chunk);
  if (profile.invalid.length) {
    const invalidIds = new Set(profile.invalid.map((x) => x.voterId));
    const lines = election.ballots
      .filter((b) => invalidIds.has(b.voterId))
      .map((b) => `invalid ${JSON.stringify(b.projects)} ${JSON.stringify(b.points ?? null)}\n`)
      .sort();
    for (const line of lines) h.update(line);
  }
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
