import { Election } from './election';
import { formatMoneyCompact, parseMoney } from './money';

/** The amount as read when it still says the same, otherwise the amount formatted afresh. */
function amount(original: string | undefined, grosze: bigint): string {
  return original !== undefined && parseMoney(original) === grosze ? original.trim() : formatMoneyCompact(grosze);
}

function quote(value: string): string {
  return /[;"\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function line(fields: readonly string[]): string {
  return fields.map(quote).join(';');
}

/**
 * Writes an election as a Pabulib `.pb` file (LF line endings, final newline). The counts in META
 * (`num_projects`, `num_votes`) and the `budget`, `cost`, `vote` and `points` columns are written from the
 * election itself; every other column is written as read. Reading the output gives the same election.
 */
export function writePabulib(election: Election): string {
  const out: string[] = ['META', 'key;value'];
  const overrides: Record<string, string> = {
    budget: amount(election.meta.find(([k]) => k === 'budget')?.[1], election.budget),
    num_projects: String(election.projects.length),
    num_votes: String(election.ballots.length),
    vote_type: election.voteType,
  };
  const seen = new Set<string>();
  for (const [k, v] of election.meta) {
    seen.add(k);
    out.push(line([k, k in overrides ? overrides[k] : v]));
  }
  for (const k of ['budget', 'vote_type']) if (!seen.has(k)) out.push(line([k, overrides[k]]));

  const pcols = election.projectColumns.length ? [...election.projectColumns] : ['project_id', 'cost', 'name'];
  out.push('PROJECTS', line(pcols));
  for (const p of election.projects) {
    out.push(
      line(
        pcols.map((c) =>
          c === 'project_id' ? p.id : c === 'cost' ? amount(p.fields.cost, p.cost) : c === 'name' && p.name !== undefined ? p.name : (p.fields[c] ?? ''),
        ),
      ),
    );
  }

  const vcols = election.voteColumns.length ? [...election.voteColumns] : ['voter_id', 'vote'];
  if (!vcols.includes('points') && election.ballots.some((b) => b.points)) vcols.splice(vcols.indexOf('vote') + 1, 0, 'points');
  out.push('VOTES', line(vcols));
  const from = vcols.map((c) => election.voteColumns.indexOf(c));
  for (const b of election.ballots) {
    out.push(
      line(
        vcols.map((c, i) =>
          c === 'voter_id'
            ? b.voterId
            : c === 'vote'
              ? b.projects.join(',')
              : c === 'points'
                ? (b.points?.join(',') ?? '')
                : from[i] >= 0
                  ? (b.values[from[i]] ?? '')
                  : '',
        ),
      ),
    );
  }
  return out.join('\n') + '\n';
}
