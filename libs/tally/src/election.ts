/** The in-memory form of a participatory-budget election, as read from (and written to) a Pabulib `.pb` file. */

export const VOTE_TYPES = ['approval', 'choose-1', 'cumulative', 'ordinal', 'scoring'] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

export interface Project {
  /** Project id as a string (`214`, `c10`, `BO.OM.97/24`). */
  readonly id: string;
  /** Cost in grosze. */
  readonly cost: bigint;
  readonly name?: string;
  /** All columns of the PROJECTS row as read (`None` and empty are kept as empty strings), by column name. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface Ballot {
  readonly voterId: string;
  /** Project ids in ballot order (the ranking for ordinal ballots). */
  readonly projects: readonly string[];
  /** Points aligned with `projects` (cumulative and scoring ballots; optional for ordinal files). */
  readonly points?: readonly number[];
  /** The VOTES row as read, aligned with {@link Election.voteColumns} (voter metadata such as age or sex). */
  readonly values: readonly string[];
}

export interface Election {
  /** META entries in file order. */
  readonly meta: ReadonlyArray<readonly [string, string]>;
  /** Total budget in grosze. */
  readonly budget: bigint;
  readonly voteType: VoteType;
  readonly projectColumns: readonly string[];
  readonly projects: readonly Project[];
  readonly voteColumns: readonly string[];
  readonly ballots: readonly Ballot[];
}

/** The value of a VOTES column of a ballot (`age`, `sex`, …), or undefined when the file has no such column. */
export function ballotField(election: Pick<Election, 'voteColumns'>, ballot: Ballot, column: string): string | undefined {
  const i = election.voteColumns.indexOf(column);
  return i < 0 ? undefined : ballot.values[i];
}

export function metaValue(election: Pick<Election, 'meta'>, key: string): string | undefined {
  for (const [k, v] of election.meta) if (k === key) return v === '' || v === 'None' ? undefined : v;
  return undefined;
}

/** Reads an optional integer META key; undefined when absent. */
export function metaNumber(election: Pick<Election, 'meta'>, key: string): number | undefined {
  const v = metaValue(election, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
