import type { Text } from '@civitas/common';

/** The phases of an edition, in order (DESIGN §4.3). Each has its own window; actions are allowed only in theirs. */
export const PHASES = [
  'submission',
  'formal_review',
  'merit_review',
  'appeals',
  'ballot_list',
  'voting',
  'vote_verification',
  'results',
  'implementation',
] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseWindow {
  phase: Phase;
  startsAt: Date;
  endsAt: Date;
}

/** The phase whose window contains `at` (start inclusive, end exclusive), or null between or outside windows. */
export function phaseAt(windows: PhaseWindow[], at: Date): Phase | null {
  const t = at.getTime();
  return windows.find((w) => w.startsAt.getTime() <= t && t < w.endsAt.getTime())?.phase ?? null;
}

/** A phase's name as Polish uses it after "faza" (the genitive), with the English name. */
export const PHASE_OF: Record<Phase, Text> = {
  submission: { pl: 'składania projektów', en: 'submission' },
  formal_review: { pl: 'oceny formalnej', en: 'formal review' },
  merit_review: { pl: 'oceny merytorycznej', en: 'merit review' },
  appeals: { pl: 'odwołań', en: 'appeals' },
  ballot_list: { pl: 'ustalania listy do głosowania', en: 'ballot list' },
  voting: { pl: 'głosowania', en: 'voting' },
  vote_verification: { pl: 'weryfikacji głosów', en: 'vote verification' },
  results: { pl: 'ogłaszania wyników', en: 'results' },
  implementation: { pl: 'realizacji', en: 'implementation' },
};

/**
 * Problems of a phase plan: every phase once, each ending after it starts, in order without overlap — in Polish and
 * English (the English as `phase: problem`, with the phase's key).
 */
export function phasePlanProblems(windows: PhaseWindow[]): Text[] {
  const problems: Text[] = [];
  const seen = new Set<Phase>();
  const of = (p: Phase) => PHASE_OF[p]?.pl ?? p;
  for (const w of windows) {
    if (seen.has(w.phase)) problems.push({ pl: `Faza ${of(w.phase)} jest podana dwa razy.`, en: `${w.phase}: given twice` });
    seen.add(w.phase);
    if (w.endsAt.getTime() <= w.startsAt.getTime())
      problems.push({ pl: `Faza ${of(w.phase)} kończy się, zanim się zaczyna.`, en: `${w.phase}: ends before it starts` });
  }
  for (const p of PHASES) if (!seen.has(p)) problems.push({ pl: `Brak fazy ${of(p)}.`, en: `${p}: missing` });
  const ordered = PHASES.map((p) => windows.find((w) => w.phase === p)).filter((w): w is PhaseWindow => !!w);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].startsAt.getTime() < ordered[i - 1].endsAt.getTime()) {
      problems.push({
        pl: `Faza ${of(ordered[i].phase)} zaczyna się przed końcem fazy ${of(ordered[i - 1].phase)}.`,
        en: `${ordered[i].phase}: starts before ${ordered[i - 1].phase} ends`,
      });
    }
  }
  return problems;
}
