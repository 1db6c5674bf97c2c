import { FieldText } from '@civitas/common';
import { BallotsErrorCode, field } from './ballots.errors';

export const VOTE_TYPES = ['approval', 'cumulative', 'ordinal', 'choose-1'] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

/** A pool's ballot: what a valid choice in that pool looks like. */
export interface PoolSpec {
  voteType: VoteType;
  minLength: number;
  maxLength: number | null;
  /** approval: the ceiling on the total cost of the chosen projects (grosze). */
  maxSumCost: number | null;
  /** cumulative: points to distribute, and the maximum per project. */
  pointsTotal: number | null;
  maxPointsPerProject: number | null;
  /** ordinal: exactly maxLength ranked (true) or at most maxLength (false). */
  exactLength: boolean;
}

const t = (pl: string, en: string) => ({ pl, en });

/** Problems of a spec that cannot work (empty when it is consistent). */
export function specProblems(s: PoolSpec): FieldText[] {
  const out: FieldText[] = [];
  const bad = (f: string, pl: string, en: string) => out.push(field(f, BallotsErrorCode.InvalidSpec, t(pl, en)));
  if (s.maxLength !== null && s.maxLength < s.minLength)
    bad('maxLength', 'maxLength nie może być mniejsze niż minLength.', 'maxLength cannot be less than minLength.');
  if (s.voteType === 'choose-1') {
    if (s.minLength > 1 || (s.maxLength !== null && s.maxLength !== 1))
      bad('maxLength', 'Przy wyborze jednego projektu minLength ≤ 1 i maxLength = 1.', 'A choose-1 ballot needs minLength ≤ 1 and maxLength = 1.');
  }
  if (s.voteType === 'cumulative') {
    if (s.pointsTotal === null)
      bad('pointsTotal', 'Głosowanie punktowe wymaga liczby punktów do rozdzielenia.', 'A cumulative ballot needs the points to distribute.');
    if (s.maxPointsPerProject !== null && s.pointsTotal !== null && s.maxPointsPerProject > s.pointsTotal)
      bad(
        'maxPointsPerProject',
        'Maksimum punktów na projekt nie może przekraczać puli punktów.',
        'The maximum per project cannot exceed the points to distribute.',
      );
    if (s.pointsTotal !== null && s.minLength > s.pointsTotal)
      bad(
        'minLength',
        'Nie da się wskazać tylu projektów, mając tyle punktów (każdy wskazany dostaje co najmniej 1).',
        'So many projects cannot be chosen with so few points (each gets at least 1).',
      );
  } else {
    if (s.pointsTotal !== null) bad('pointsTotal', 'Punkty dotyczą tylko głosowania punktowego (cumulative).', 'Points apply only to cumulative ballots.');
    if (s.maxPointsPerProject !== null)
      bad('maxPointsPerProject', 'Punkty dotyczą tylko głosowania punktowego (cumulative).', 'Points apply only to cumulative ballots.');
  }
  if (s.maxSumCost !== null && s.voteType !== 'approval')
    bad('maxSumCost', 'Limit łącznego kosztu dotyczy tylko głosowania aprobującego (approval).', 'A total cost ceiling applies only to approval ballots.');
  if (s.exactLength && s.voteType !== 'ordinal')
    bad('exactLength', 'exactLength dotyczy tylko głosowania rankingowego (ordinal).', 'exactLength applies only to ordinal ballots.');
  if (s.exactLength && s.maxLength === null) bad('maxLength', 'Ranking z dokładną liczbą miejsc wymaga maxLength.', 'An exact-length ranking needs maxLength.');
  return out;
}

/** One pool's part of a ballot, as submitted. */
export interface PoolChoice {
  poolId: string;
  projectIds?: string[];
  points?: Array<{ projectId: string; points: number }>;
}

/** A choice as stored: project, rank (1 = first) and points. */
export interface StoredChoice {
  poolId: string;
  projectId: string;
  position: number;
  points: number;
}

/**
 * Checks one pool's choice against its spec and the projects on its ballot (id → cost). `path` is the field path of
 * the choice (e.g. `choices.0`). Returns the stored rows, or the problems with their exact reasons.
 */
export function checkChoice(
  path: string,
  poolName: string,
  spec: PoolSpec,
  onBallot: ReadonlyMap<string, number>,
  c: PoolChoice,
): { rows: StoredChoice[]; problems: FieldText[] } {
  const problems: FieldText[] = [];
  const bad = (f: string, pl: string, en: string) =>
    problems.push(field(`${path}${f}`, BallotsErrorCode.InvalidBallot, t(`Pula „${poolName}”: ${pl}`, `Pool "${poolName}": ${en}`)));
  let entries: Array<{ projectId: string; points: number }>;
  if (spec.voteType === 'cumulative') {
    if (c.projectIds?.length)
      bad('.projectIds', 'w głosowaniu punktowym podaj punkty (points), nie listę projektów.', 'a cumulative ballot gives points, not a list of projects.');
    entries = c.points ?? [];
  } else {
    if (c.points?.length)
      bad('.points', 'w tej puli wybiera się projekty (projectIds), bez punktów.', 'this pool takes a list of projects (projectIds), no points.');
    entries = (c.projectIds ?? []).map((projectId) => ({ projectId, points: 1 }));
  }
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const f = spec.voteType === 'cumulative' ? `.points.${i}.projectId` : `.projectIds.${i}`;
    if (!onBallot.has(e.projectId)) bad(f, 'tego projektu nie ma na karcie do głosowania tej puli.', "this project is not on this pool's ballot.");
    if (seen.has(e.projectId)) bad(f, 'ten projekt wskazano więcej niż raz.', 'this project is chosen more than once.');
    seen.add(e.projectId);
  });
  const n = entries.length;
  const min = spec.voteType === 'choose-1' ? Math.max(1, spec.minLength) : spec.exactLength ? (spec.maxLength ?? spec.minLength) : spec.minLength;
  const max = spec.voteType === 'choose-1' ? 1 : spec.maxLength;
  const listField = spec.voteType === 'cumulative' ? '.points' : '.projectIds';
  if (spec.exactLength && spec.maxLength !== null && n !== spec.maxLength) {
    bad(
      listField,
      `trzeba uszeregować dokładnie ${spec.maxLength} projekty (wskazano ${n}).`,
      `exactly ${spec.maxLength} projects must be ranked (${n} given).`,
    );
  } else {
    if (n < min) bad(listField, `wskazano ${n} projektów, a trzeba co najmniej ${min}.`, `${n} projects chosen, at least ${min} required.`);
    if (max !== null && n > max) bad(listField, `wskazano ${n} projektów, a można najwyżej ${max}.`, `${n} projects chosen, at most ${max} allowed.`);
  }
  if (spec.voteType === 'cumulative') {
    let sum = 0;
    entries.forEach((e, i) => {
      if (!Number.isSafeInteger(e.points) || e.points < 1)
        bad(`.points.${i}.points`, 'każdy wskazany projekt dostaje co najmniej 1 punkt.', 'each chosen project gets at least 1 point.');
      else if (spec.maxPointsPerProject !== null && e.points > spec.maxPointsPerProject)
        bad(
          `.points.${i}.points`,
          `${e.points} punktów dla jednego projektu, a można najwyżej ${spec.maxPointsPerProject}.`,
          `${e.points} points for one project, at most ${spec.maxPointsPerProject} allowed.`,
        );
      sum += Number.isSafeInteger(e.points) ? e.points : 0;
    });
    if (spec.pointsTotal !== null && sum > spec.pointsTotal)
      bad('.points', `rozdzielono ${sum} punktów, a do rozdzielenia jest ${spec.pointsTotal}.`, `${sum} points given, ${spec.pointsTotal} to distribute.`);
  }
  if (spec.voteType === 'approval' && spec.maxSumCost !== null) {
    const total = entries.reduce((s, e) => s + (onBallot.get(e.projectId) ?? 0), 0);
    const zl = (g: number) => `${(g / 100).toFixed(2)} zł`;
    if (total > spec.maxSumCost)
      bad(
        '.projectIds',
        `łączny koszt wybranych projektów (${zl(total)}) przekracza limit ${zl(spec.maxSumCost)}.`,
        `the total cost of the chosen projects (${zl(total)}) exceeds the limit of ${zl(spec.maxSumCost)}.`,
      );
  }
  const rows = entries.map((e, i) => ({
    poolId: c.poolId,
    projectId: e.projectId,
    position: spec.voteType === 'ordinal' ? i + 1 : 1,
    points: spec.voteType === 'cumulative' ? e.points : 1,
  }));
  return { rows, problems };
}
