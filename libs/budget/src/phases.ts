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

/** Problems of a phase plan: every phase once, each ending after it starts, in order without overlap. */
export function phasePlanProblems(windows: PhaseWindow[]): string[] {
  const problems: string[] = [];
  const seen = new Set<Phase>();
  for (const w of windows) {
    if (seen.has(w.phase)) problems.push(`${w.phase}: given twice`);
    seen.add(w.phase);
    if (w.endsAt.getTime() <= w.startsAt.getTime()) problems.push(`${w.phase}: ends before it starts`);
  }
  for (const p of PHASES) if (!seen.has(p)) problems.push(`${p}: missing`);
  const ordered = PHASES.map((p) => windows.find((w) => w.phase === p)).filter((w): w is PhaseWindow => !!w);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].startsAt.getTime() < ordered[i - 1].endsAt.getTime()) {
      problems.push(`${ordered[i].phase}: starts before ${ordered[i - 1].phase} ends`);
    }
  }
  return problems;
}
