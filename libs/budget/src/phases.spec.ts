import { PHASES, phasePlanProblems, type PhaseWindow } from './phases';

const DAY = 86_400_000;
const plan = (): PhaseWindow[] => PHASES.map((phase, i) => ({ phase, startsAt: new Date(i * 10 * DAY), endsAt: new Date((i * 10 + 7) * DAY) }));

describe('phasePlanProblems', () => {
  it('accepts every phase once, in order, without overlaps', () => {
    expect(phasePlanProblems(plan())).toEqual([]);
  });

  it('names each problem in Polish and English', () => {
    const p = plan();
    p[1] = { ...p[1], startsAt: p[0].startsAt };
    p[2] = { ...p[2], endsAt: p[2].startsAt };
    const problems = phasePlanProblems([...p.slice(0, 8), p[0]]);
    expect(problems).toEqual([
      { pl: 'Faza oceny merytorycznej kończy się, zanim się zaczyna.', en: 'merit_review: ends before it starts' },
      { pl: 'Faza składania projektów jest podana dwa razy.', en: 'submission: given twice' },
      { pl: 'Brak fazy realizacji.', en: 'implementation: missing' },
      { pl: 'Faza oceny formalnej zaczyna się przed końcem fazy składania projektów.', en: 'formal_review: starts before submission ends' },
    ]);
  });
});
