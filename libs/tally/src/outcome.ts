import { Reason } from './reasons';
import { TieBreakRecord } from './tie-break';

/** What one rule run decided, by project index. */
export interface RuleOutcome {
  /** Selected project indexes in selection order. */
  readonly selected: number[];
  /** Total cost of the selected projects, grosze. */
  readonly spent: bigint;
  /** Why each project was or was not selected, by project index. */
  readonly reasons: Reason[];
  readonly tieBreaks: TieBreakRecord[];
  /** `greedy-no-skip` with a top-up: the project funded partly from the reserve (grosze). */
  readonly topUp?: { readonly project: number; readonly fromBudget: bigint; readonly reserve: bigint };
}

/** Groups of mutually exclusive projects, as project indexes: for each project, the other members of its groups. */
export type Conflicts = ReadonlyArray<readonly number[]>;
