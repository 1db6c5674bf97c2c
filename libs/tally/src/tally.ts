import { BallotSpec, ballotSpecOf } from './ballot';
import { Election, VoteType, metaNumber, metaValue } from './election';
import { runGreedy, greedyOrder } from './greedy';
import { inputSha256 } from './input-hash';
import { Fraction, MesEngine, MesRound, MesRun } from './mes';
import { formatFraction, formatMoney } from './money';
import { Conflicts, RuleOutcome } from './outcome';
import { Profile, buildProfile, localityOrder, restrictProfile } from './profile';
import { Reason, reason } from './reasons';
import { ruleOptionProblems } from './rule-options';
import { CIVITAS_META, CivitasMetaError, CivitasOptions, civitasOptionsOf } from './civitas-meta';
import { DEFAULT_GREEDY_CHAIN, DEFAULT_MES_CHAIN, TieBreakRecord, TieBreaker, TieCriterion, lotKeys, normaliseChain } from './tie-break';

/** Rule names as in Pabulib's `rule` field. */
export const RULES = [
  'greedy',
  'greedy-threshold',
  'greedy-no-skip',
  'greedy-exclusive',
  'equalshares',
  'equalshares/add1',
  'equalshares-comparison',
  'equalshares/add1-comparison',
] as const;
export type RuleName = (typeof RULES)[number];

export function isRuleName(name: string): name is RuleName {
  return (RULES as readonly string[]).includes(name);
}

/**
 * A tally that cannot run. `kind` `options`: the rule or its options are wrong (a bad argument on the command
 * line); `input`: the election does not allow it. `pl` is the Polish text when the message has one.
 */
export class TallyError extends Error {
  constructor(
    message: string,
    readonly kind: 'options' | 'input' = 'input',
    readonly pl?: string,
  ) {
    super(message);
    this.name = 'TallyError';
  }
}

/**
 * Pabulib's `greedy-custom` names a city's own greedy procedure, which the file describes only in words; it runs
 * here as one of the rules with its options. The message says which.
 */
export function customRuleHelp(name: string): { en: string; pl: string } | undefined {
  if (name !== 'greedy-custom') return undefined;
  return {
    en:
      'rule "greedy-custom" is Pabulib\'s name for a city\'s own greedy procedure, which the file describes only in its comment; ' +
      'run it as one of these rules with its options: greedy-no-skip with a top-up from a reserve (Poznań: --rule greedy-no-skip --top-up 80), ' +
      'greedy-no-skip, greedy-threshold (--threshold N) or greedy',
    pl:
      'reguła „greedy-custom” to w Pabulib nazwa własnej procedury zachłannej miasta, opisanej w pliku tylko w komentarzu; ' +
      'policz ją jedną z tych reguł z jej opcjami: greedy-no-skip z dopłatą z rezerwy (Poznań: --rule greedy-no-skip --top-up 80), ' +
      'greedy-no-skip, greedy-threshold (--threshold N) albo greedy',
  };
}

export interface TallyProgress {
  readonly phase: 'profile' | 'rule' | 'equal-shares-step' | 'done';
  readonly message: string;
}

export interface TallyOptions {
  /** Defaults to the file's META `rule`. */
  readonly rule?: RuleName;
  /** Seed of the lot that breaks the last ties; published before voting. Defaults to the empty string. */
  readonly seed?: string;
  /**
   * Minimum score for a project to be eligible. Defaults to META `min_project_score_threshold` for
   * `greedy-threshold` and `greedy-no-skip`; other rules use it only when given here.
   */
  readonly threshold?: number;
  /** Groups of mutually exclusive project ids: once one is selected, the others are skipped. */
  readonly exclusions?: ReadonlyArray<readonly string[]>;
  /** Tie-break chain for greedy orderings (default: score, cost, votes, lot). */
  readonly greedyTieBreak?: readonly TieCriterion[];
  /** Tie-break chain among equal Equal Shares prices (default: cost, votes, lot). */
  readonly mesTieBreak?: readonly TieCriterion[];
  /** After Equal Shares: `utilitarian` fills the leftover budget greedily by score. Default `none`. */
  readonly completion?: 'none' | 'utilitarian';
  /**
   * Eligibility filter before Equal Shares: a project is excluded when votes / voters < cost / (k × budget).
   * Świecie used k = 3. Off by default.
   */
  readonly eligibilityK?: number;
  /**
   * `greedy-no-skip` only: the first project that does not fit is funded too when the money left covers at least
   * this percentage of its cost (0 < P ≤ 100, at most 2 decimals); the rest comes from a reserve outside the budget
   * (Poznań: 80).
   */
  readonly topUpPercent?: number;
  /**
   * How the add1 completion finds the last per-voter budget within the budget: `breakpoints` (default) runs Equal
   * Shares only at the budgets where the outcome can change; `steps` runs it at every whole PLN. Both give the
   * same result; `steps` is kept to check that and to measure the difference.
   */
  readonly add1Search?: 'breakpoints' | 'steps';
  /** Ballot spec; defaults to the limits in META. Invalid ballots are not counted and are listed in the result. */
  readonly spec?: BallotSpec;
  readonly onProgress?: (progress: TallyProgress) => void;
}

export interface ProjectResult {
  readonly id: string;
  readonly name?: string;
  /** Grosze. */
  readonly cost: bigint;
  readonly votes: number;
  readonly score: number;
  readonly selected: boolean;
  /** 1-based position in selection order, or null. */
  readonly position: number | null;
  readonly reason: Reason;
}

export interface MesReport {
  /** The per-voter budget of the outcome, grosze (exact). */
  readonly perVoterBudget: Fraction;
  /** add1: the first per-voter budget tried and the number of Equal Shares runs. */
  readonly firstPerVoterBudget?: Fraction;
  readonly runs: number;
  readonly rounds: ReadonlyArray<MesRound & { readonly projectId: string }>;
  /** Voters who paid the same amounts for the same projects (project ids), largest group first. */
  readonly voterGroups: ReadonlyArray<{
    readonly voters: number;
    readonly payments: ReadonlyArray<{ readonly project: string; readonly paidEach: Fraction }>;
    readonly left: Fraction;
  }>;
  /** Project ids removed by the eligibility filter. */
  readonly ineligible: readonly string[];
  /** Project ids added by the utilitarian completion. */
  readonly completion: readonly string[];
}

export interface ComparisonReport {
  readonly greedySelected: readonly string[];
  readonly mesSelected: readonly string[];
  readonly preferGreedy: number;
  readonly preferMes: number;
  readonly indifferent: number;
  readonly winner: 'greedy' | 'equalshares';
}

export interface TallyResult {
  readonly rule: RuleName;
  readonly voteType: VoteType;
  readonly seed: string;
  /** Grosze. */
  readonly budget: bigint;
  /** Grosze. */
  readonly spent: bigint;
  /** Selected project ids in selection order. */
  readonly selected: readonly string[];
  /** Every project in file order, with why it was or was not selected. */
  readonly projects: readonly ProjectResult[];
  readonly tieBreaks: readonly TieBreakRecord[];
  readonly threshold?: number;
  readonly exclusions: ReadonlyArray<readonly string[]>;
  readonly ballots: {
    readonly total: number;
    readonly valid: number;
    readonly invalid: ReadonlyArray<{ readonly voterId: string; readonly reason: Reason }>;
  };
  /** The top-up percentage the rule ran with (`greedy-no-skip` only). */
  readonly topUpPercent?: number;
  /**
   * The project funded with a top-up from the reserve: the money left in the budget paid part of its cost
   * (counted in `spent`), the reserve the rest (not in `spent`). Grosze.
   */
  readonly topUp?: TopUpReport;
  readonly mes?: MesReport;
  readonly comparison?: ComparisonReport;
  readonly inputSha256: string;
}

export interface TopUpReport {
  readonly project: string;
  /** Paid from the budget (what was left of it), grosze. */
  readonly fromBudget: bigint;
  /** Paid from the reserve, grosze. */
  readonly reserve: bigint;
}

/** Runs the outcome rule over an election. The same inputs (including the seed) always give the same result. */
export function tally(election: Election, options: TallyOptions = {}): TallyResult {
  const progress = options.onProgress ?? (() => undefined);
  const metaRule = metaValue(election, 'rule');
  const ruleName = options.rule ?? metaRule;
  if (ruleName === undefined) {
    throw new TallyError('no rule given and the file has no META rule', 'options', 'nie podano reguły, a plik nie ma reguły w META');
  }
  if (!isRuleName(ruleName)) {
    const help = customRuleHelp(ruleName);
    if (help) throw new TallyError(help.en, 'options', help.pl);
    throw new TallyError(`unknown rule "${ruleName}" (known: ${RULES.join(', ')})`, 'options', `nieznana reguła „${ruleName}” (dostępne: ${RULES.join(', ')})`);
  }
  const rule: RuleName = ruleName;
  const problems = ruleOptionProblems(rule, {
    threshold: options.threshold,
    completion: options.completion,
    eligibilityK: options.eligibilityK,
    topUpPercent: options.topUpPercent,
  });
  if (problems.length) throw new TallyError(problems[0].en, 'options', problems[0].pl);
  const fromMeta = civitasDefaults(election, rule);
  const seed = options.seed ?? fromMeta.seed ?? '';
  const spec = options.spec ?? ballotSpecOf(election);
  const metaThreshold = metaNumber(election, 'min_project_score_threshold');
  const threshold = options.threshold ?? fromMeta.threshold ?? (rule === 'greedy-threshold' || rule === 'greedy-no-skip' ? metaThreshold : undefined);
  const greedyChain = normaliseChain(options.greedyTieBreak ?? fromMeta.greedyTieBreak, DEFAULT_GREEDY_CHAIN);
  const mesChain = normaliseChain(options.mesTieBreak ?? fromMeta.mesTieBreak, DEFAULT_MES_CHAIN);
  const completion = options.completion ?? fromMeta.completion ?? 'none';
  const eligibilityK = options.eligibilityK ?? fromMeta.eligibilityK;
  const topUpPercent = options.topUpPercent ?? fromMeta.topUpPercent;
  const exclusions = (options.exclusions ?? fromMeta.exclusions ?? []).map((g) => [...g]);

  progress({ phase: 'profile', message: `counting ${election.ballots.length} ballots` });
  const profile = buildProfile(election, spec);
  const m = profile.projects.length;
  const conflictSets: Array<Set<number>> = profile.projects.map(() => new Set());
  for (const group of exclusions) {
    const idx = group.map((id) => {
      const j = profile.index.get(id);
      if (j === undefined) {
        throw new TallyError(
          `exclusion group names unknown project "${id}"`,
          'options',
          `grupa wykluczających się projektów wskazuje nieznany projekt „${id}”`,
        );
      }
      return j;
    });
    for (const a of idx) for (const b of idx) if (a !== b) conflictSets[a].add(b);
  }
  const conflicts: Conflicts = conflictSets.map((s) => [...s].sort((a, b) => a - b));
  const lot = lotKeys(profile, seed);
  const greedyTies = new TieBreaker(profile, lot, greedyChain);
  const mesTies = new TieBreaker(profile, lot, mesChain);

  const config = {
    rule,
    seed,
    threshold,
    exclusions,
    greedyTieBreak: greedyChain,
    mesTieBreak: rule.startsWith('equalshares') ? mesChain : undefined,
    completion: rule.startsWith('equalshares') ? completion : undefined,
    eligibilityK: rule.startsWith('equalshares') ? eligibilityK : undefined,
    topUpPercent,
  };

  progress({ phase: 'rule', message: `running ${rule}` });
  let outcome: RuleOutcome;
  let mes: MesReport | undefined;
  let comparison: ComparisonReport | undefined;

  const greedy = (noSkip: boolean, th: number | undefined, topUp?: number): RuleOutcome => {
    const { order, tieBreaks } = greedyOrder(profile, greedyTies);
    const r = runGreedy(profile, order, election.budget, { threshold: th, noSkip, conflicts, topUpPercent: topUp });
    return { ...r, tieBreaks: tieBreaks.filter((t) => involvesDecision(t, r.selected, profile)) };
  };

  switch (rule) {
    case 'greedy':
    case 'greedy-exclusive':
      outcome = greedy(false, threshold);
      break;
    case 'greedy-threshold':
      outcome = greedy(false, threshold ?? 0);
      break;
    case 'greedy-no-skip':
      outcome = greedy(true, threshold, topUpPercent);
      break;
    default: {
      const res = equalShares(profile, election.budget, {
        add1: rule.includes('/add1'),
        add1Search: options.add1Search,
        threshold,
        eligibilityK,
        completion,
        conflicts,
        ties: mesTies,
        greedyTies,
        progress,
      });
      outcome = res.outcome;
      mes = res.report;
      if (rule.endsWith('-comparison')) {
        const g = greedy(false, undefined);
        const cmp = compareOutcomes(profile, g.selected, outcome.selected);
        const winner = cmp.preferGreedy > cmp.preferMes ? 'greedy' : 'equalshares';
        comparison = {
          greedySelected: g.selected.map((j) => profile.projects[j].id),
          mesSelected: outcome.selected.map((j) => profile.projects[j].id),
          ...cmp,
          winner,
        };
        if (winner === 'greedy') {
          const why = reason('greedy-outcome-preferred', { greedy: cmp.preferGreedy, mes: cmp.preferMes });
          outcome = { ...g, reasons: g.reasons.map((r) => ({ ...r, en: `${r.en}; ${why.en}`, pl: `${r.pl}; ${why.pl}` })) };
        }
      }
    }
  }

  const position = new Array<number | null>(m).fill(null);
  outcome.selected.forEach((j, k) => (position[j] = k + 1));
  const result: TallyResult = {
    rule,
    voteType: election.voteType,
    seed,
    budget: election.budget,
    spent: outcome.spent,
    selected: outcome.selected.map((j) => profile.projects[j].id),
    projects: profile.projects.map((p, j) => ({
      id: p.id,
      name: p.name,
      cost: p.cost,
      votes: profile.votes[j],
      score: profile.score[j],
      selected: position[j] !== null,
      position: position[j],
      reason: outcome.reasons[j],
    })),
    tieBreaks: outcome.tieBreaks,
    threshold,
    exclusions,
    ballots: { total: election.ballots.length, valid: profile.voters, invalid: profile.invalid },
    topUpPercent,
    topUp: outcome.topUp && {
      project: profile.projects[outcome.topUp.project].id,
      fromBudget: outcome.topUp.fromBudget,
      reserve: outcome.topUp.reserve,
    },
    mes,
    comparison,
    inputSha256: inputSha256(election, profile, spec, config),
  };
  progress({ phase: 'done', message: `${rule}: ${result.selected.length} projects selected` });
  return result;
}

/**
 * The options a file written by Civitas carries in META ({@link civitasOptionsOf}), as defaults for this rule:
 * a rule option that belongs to another rule (the top-up of a no-skip result recounted with plain greedy) is left
 * out; a value that does not read is an error naming its key.
 */
function civitasDefaults(election: Election, rule: RuleName): CivitasOptions {
  let o: CivitasOptions;
  try {
    o = civitasOptionsOf(election);
  } catch (err) {
    if (err instanceof CivitasMetaError) throw new TallyError(err.en, 'input', err.pl);
    throw err;
  }
  const ruleOptions = { completion: o.completion, eligibilityK: o.eligibilityK, topUpPercent: o.topUpPercent, threshold: o.threshold };
  const out: Record<string, unknown> = { ...o };
  for (const p of ruleOptionProblems(rule, ruleOptions)) {
    if (p.kind === 'rule') {
      delete out[p.option];
      continue;
    }
    const key = CIVITAS_META[p.option as keyof typeof CIVITAS_META];
    throw new TallyError(`META ${key}: ${p.en}`, 'input', `META ${key}: ${p.pl}`);
  }
  return out as CivitasOptions;
}

/** Keeps a greedy tie-break record only when it touched the outcome (at least one of the two was selected). */
function involvesDecision(t: TieBreakRecord, selected: readonly number[], profile: Profile): boolean {
  const ids = new Set(selected.map((j) => profile.projects[j].id));
  return ids.has(t.winner) || ids.has(t.loser);
}

/** For each voter, the number of approved funded projects in each outcome; who strictly prefers which. */
export function compareOutcomes(
  profile: Profile,
  a: readonly number[],
  b: readonly number[],
): { preferGreedy: number; preferMes: number; indifferent: number } {
  const inA = new Uint8Array(profile.projects.length);
  const inB = new Uint8Array(profile.projects.length);
  for (const j of a) inA[j] = 1;
  for (const j of b) inB[j] = 1;
  let preferGreedy = 0;
  let preferMes = 0;
  let indifferent = 0;
  for (let g = 0; g < profile.groupCount; g++) {
    let ca = 0;
    let cb = 0;
    for (let t = profile.groupStart[g]; t < profile.groupStart[g + 1]; t++) {
      ca += inA[profile.groupItems[t]];
      cb += inB[profile.groupItems[t]];
    }
    const w = profile.groupWeight[g];
    if (ca > cb) preferGreedy += w;
    else if (cb > ca) preferMes += w;
    else indifferent += w;
  }
  return { preferGreedy, preferMes, indifferent };
}

/** Whole PLN steps (of 100 grosze) to the first step at or after `stableFor` grosze, at least 1. */
function nextSteps(stableFor: number): bigint {
  if (!(stableFor > 100)) return 1n;
  if (!Number.isFinite(stableFor) || stableFor > 1e15) return 10n ** 13n;
  return BigInt(Math.ceil(stableFor / 100));
}

interface EqualSharesConfig {
  readonly add1: boolean;
  readonly add1Search?: 'breakpoints' | 'steps';
  readonly threshold?: number;
  readonly eligibilityK?: number;
  readonly completion: 'none' | 'utilitarian';
  readonly conflicts: Conflicts;
  readonly ties: TieBreaker;
  readonly greedyTies: TieBreaker;
  readonly progress: (p: TallyProgress) => void;
}

function equalShares(profile: Profile, budget: bigint, cfg: EqualSharesConfig): { outcome: RuleOutcome; report: MesReport } {
  const m = profile.projects.length;
  const n = profile.voters;
  const pre: Reason[] = new Array(m);
  const candidates = new Array<boolean>(m).fill(true);
  const ineligible: string[] = [];
  for (let j = 0; j < m; j++) {
    if (cfg.threshold !== undefined && profile.score[j] < cfg.threshold) {
      candidates[j] = false;
      pre[j] = reason('below-threshold', { score: profile.score[j], threshold: cfg.threshold });
    } else if (cfg.eligibilityK !== undefined && n > 0 && budget > 0n) {
      const k = BigInt(cfg.eligibilityK);
      // votes / n < cost / (k · budget)  ⇔  votes · k · budget < cost · n
      if (BigInt(profile.votes[j]) * k * budget < profile.costs[j] * BigInt(n)) {
        candidates[j] = false;
        ineligible.push(profile.projects[j].id);
        pre[j] = reason('ineligible-support', {
          share: (profile.votes[j] / n).toFixed(4),
          costShare: formatFraction(profile.costs[j] * 100n, budget, 4),
          k: cfg.eligibilityK,
        });
      }
    }
  }

  const engine = new MesEngine(profile, cfg.ties);
  let run: MesRun;
  let runs = 1;
  let first: Fraction | undefined;
  if (n === 0) {
    run = engine.run({ num: 0n, den: 1n }, { candidates, conflicts: cfg.conflicts, detail: true });
  } else if (!cfg.add1) {
    run = engine.run({ num: budget, den: BigInt(n) }, { candidates, conflicts: cfg.conflicts, detail: true });
  } else {
    // add1: integral per-voter budgets floor(B/n), floor(B/n)+1, … PLN; keep the last outcome within budget.
    const N = BigInt(n);
    let b = (budget / (100n * N)) * 100n;
    first = { num: b, den: 1n };
    const withSupport = candidates.filter((c, j) => c && profile.votes[j] > 0).length;
    let totalCost = 0n;
    for (let j = 0; j < m; j++) if (candidates[j]) totalCost += profile.costs[j];
    let kept = b;
    runs = 0;
    // A project whose supporters together cannot pay for it at the start (votes · b < cost) never becomes
    // affordable in that run, so these steps run on ballots without such projects (and without non-candidates),
    // where more ballots are equal and merge. The set only grows with b.
    // Groups are ordered so that ballots with the same most-supported projects are adjacent in memory.
    const byVotes = Array.from({ length: m }, (_, j) => j).sort((x, y) => profile.votes[y] - profile.votes[x] || x - y);
    const rank = new Int32Array(m);
    byVotes.forEach((j, r) => (rank[j] = r));
    const order = localityOrder(profile, rank);
    // The ballots may keep more projects than a step needs (the extra ones are not candidates of the step), so
    // they are built for a somewhat larger per-voter budget and reused until a step needs a project they lack.
    const keepAt = (x: bigint) => candidates.map((c, j) => c && BigInt(profile.votes[j]) * x >= profile.costs[j]);
    let stepEngine: MesEngine | undefined;
    let stepKeep: boolean[] = [];
    const jump = cfg.add1Search !== 'steps';
    // Where the outcome changes at almost every step, finding the next change costs more than it saves: after a run
    // that could not skip, the next runs step without looking (1, 2, 4, up to 8 of them), then look again.
    let pause = 0;
    let backoff = 1;
    for (;;) {
      const need = keepAt(b);
      if (stepEngine === undefined || need.some((k, j) => k && !stepKeep[j])) {
        stepKeep = keepAt(b + 100n + b / 16n);
        stepEngine = new MesEngine(restrictProfile(profile, stepKeep, order), cfg.ties);
      }
      const look = jump && pause === 0;
      if (pause > 0) pause--;
      const r = stepEngine.run({ num: b, den: 1n }, { candidates: need, conflicts: cfg.conflicts, settle: { budget, all: withSupport }, breakpoint: look });
      runs++;
      if (runs % 5 === 0) {
        cfg.progress({ phase: 'equal-shares-step', message: `equal shares: per-voter budget ${formatMoney(b)} PLN (run ${runs})` });
      }
      if (r.spent > budget) break;
      kept = b;
      // Nothing more can change once every supported project is in, or once one voter alone could pay for all.
      if (r.selected.length >= withSupport || b > totalCost) break;
      let steps = 1n;
      if (look) {
        // Every budget in [b, b + stableFor) gives the rounds of b (MesRun.stableFor), so the same answer; so does
        // every budget below the point where a project left out above has enough supporters (votes · b ≥ cost).
        // The next step that can differ is the first whole PLN at or after the nearer of the two.
        steps = nextSteps(r.stableFor!);
        for (let j = 0; j < m && steps > 1n; j++) {
          if (!candidates[j] || need[j] || profile.votes[j] === 0) continue;
          const v = BigInt(profile.votes[j]);
          const k = (profile.costs[j] - v * b + 100n * v - 1n) / (100n * v);
          if (k < steps) steps = k < 1n ? 1n : k;
        }
        // Stepping would stop at the first whole PLN above the total cost of the candidates.
        const beyond = (totalCost - b) / 100n + 1n;
        if (beyond < steps) {
          kept = b + 100n * beyond;
          break;
        }
        if (steps > 1n) backoff = 1;
        else {
          pause = backoff;
          backoff = Math.min(8, backoff * 2);
        }
      }
      kept = b + 100n * (steps - 1n);
      b += 100n * steps;
    }
    run = engine.run({ num: kept, den: 1n }, { candidates, conflicts: cfg.conflicts, detail: true });
    runs++;
  }

  const reasons = Array.from({ length: m }, (_, j) => pre[j] ?? run.reasons[j]);
  let selected = run.selected;
  let spent = run.spent;
  const added: string[] = [];
  if (cfg.completion === 'utilitarian') {
    const { order } = greedyOrder(profile, cfg.greedyTies);
    const skip = new Set<number>();
    for (let j = 0; j < m; j++) if (!candidates[j] || run.reasons[j]?.code === 'excluded-by') skip.add(j);
    const done = runGreedy(profile, order, budget, { conflicts: cfg.conflicts, skip }, { selected, reasons });
    for (const j of done.selected.slice(selected.length)) {
      added.push(profile.projects[j].id);
      done.reasons[j] = reason('selected-completion', { remaining: done.reasons[j].params.remaining });
    }
    // Projects the completion looked at but could not take keep their Equal Shares reason.
    for (let j = 0; j < m; j++) if (!done.selected.includes(j) && run.reasons[j]) done.reasons[j] = reasons[j];
    selected = done.selected;
    spent = done.spent;
    reasons.splice(0, m, ...done.reasons);
  }

  return {
    outcome: { selected, spent, reasons, tieBreaks: run.tieBreaks },
    report: {
      perVoterBudget: run.perVoterBudget,
      firstPerVoterBudget: first,
      runs,
      rounds: run.rounds.map((r) => ({ ...r, projectId: profile.projects[r.project].id })),
      voterGroups: run.voterGroups.map((g) => ({
        ...g,
        payments: g.payments.map((p) => ({ project: profile.projects[p.project].id, paidEach: p.paidEach })),
      })),
      ineligible,
      completion: added,
    },
  };
}
