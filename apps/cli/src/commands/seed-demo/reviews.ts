import type { Criterion, ReviewInput } from '@civitas/budget';
import { CITY_OFFICIAL, type Decision, type DemoAccount, type DemoProject, DISTRICT_OFFICIAL, MET_TEXT } from './demo-city';

/**
 * A review as an official fills it in: every criterion of the edition, met unless the decision says why not, and the
 * public justification (the decision's, or the usual sentence of a positive review).
 */
export function reviewInput(criteria: readonly Criterion[], stage: 'formal' | 'merit', outcome: ReviewInput['outcome'], decision?: Decision): ReviewInput {
  const unmet = decision?.unmet ?? {};
  const verdicts = criteria.map((criterion) => {
    const why = unmet[criterion];
    return { criterion, met: why === undefined, justification: why ?? MET_TEXT[criterion] };
  });
  const justification =
    decision?.justification ?? (stage === 'formal' ? 'Projekt spełnia wymogi formalne.' : 'Projekt pozytywnie zaopiniowany; dopuszczony do głosowania.');
  return { stage, outcome, criteria: verdicts, justification };
}

/** Projects in the district official's district are theirs; the city's official reviews (and reports on) the rest. */
export function reviewerOf(p: Pick<DemoProject, 'area' | 'pool'>): DemoAccount {
  return p.area === DISTRICT_OFFICIAL.district || p.pool === DISTRICT_OFFICIAL.district ? DISTRICT_OFFICIAL : CITY_OFFICIAL;
}
