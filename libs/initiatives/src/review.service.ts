import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { Scheduler, type ScheduleDefinition } from '@civitas/queue';
import { ApplicationsService, FullInitiative, InitiativeRow } from './applications.service';
import { EvaluationRepository, SCORES_DISCLOSED } from './evaluation.repository';
import { assertMove, DEADLINE_MOVE, isBeforeDecision, isBeingScored, type InitiativeStatus } from './initiative-status';
import { field, InitiativesError, InitiativesErrorCode } from './initiatives.errors';
import { Criterion, ProgrammesService } from './programmes.service';
import { Clock } from '@civitas/config';

export { zloty } from './zloty';

/** One evaluator's submitted scores. */
export interface Evaluation {
  evaluatorId: string;
  evaluatorName: string;
  scores: Record<string, number>;
  remarks: string;
  submittedAt: Date;
  /** This evaluator's weighted result, 0–100 (3 decimals). */
  result: number;
}

/** The scores of an application as an official may see them. */
export interface ScoresView {
  initiativeId: string;
  status: InitiativeStatus;
  criteria: Criterion[];
  submitted: number;
  /** The application's score: the mean of the evaluators' results (null before the first evaluation). */
  score: number | null;
  evaluations: Evaluation[];
}

export interface ScoresInput {
  scores: Record<string, unknown>;
  remarks?: string;
}

export interface DecisionInput {
  approve: boolean;
  purposefulness: string;
  reason: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * One evaluator's result on a 0–100 scale: the weighted average of the points as a share of each criterion's
 * maximum, sum(weight × points / maxPoints) / sum(weight) × 100.
 */
export function evaluationResult(criteria: Criterion[], scores: Record<string, number>): number {
  const weights = criteria.reduce((s, c) => s + c.weight, 0);
  const got = criteria.reduce((s, c) => s + (c.weight * (scores[c.key] ?? 0)) / c.maxPoints, 0);
  return weights > 0 ? (got / weights) * 100 : 0;
}

/** The application's score: the mean of its evaluators' results, to 3 decimals (null with no evaluation). */
export function applicationScore(criteria: Criterion[], evaluations: Array<Record<string, number>>): number | null {
  if (!evaluations.length) return null;
  return round3(evaluations.reduce((s, e) => s + evaluationResult(criteria, e), 0) / evaluations.length);
}

/**
 * The formal check (with corrections and their deadline), independent scoring by evaluators, and the decision
 * (DESIGN §4.5): registered → formal_check (⇄ correction_requested; a missed deadline leaves the application
 * unconsidered) → evaluation → approved | rejected. Every step is an official act in the audit log and is told
 * to the applicants; decisions also to the `initiatives` subscribers.
 */
@Injectable()
export class ReviewService implements OnModuleInit {
  private readonly logger = new Logger('ReviewService');

  constructor(
    private readonly ds: DataSource,
    private readonly applications: ApplicationsService,
    private readonly programmes: ProgrammesService,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly evaluationsRepo: EvaluationRepository,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(this.schedule());
  }

  schedule(): ScheduleDefinition<'advance-initiatives'> {
    return {
      name: 'advance-initiatives',
      job: 'advance-initiatives',
      next: (after) => new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE),
      payload: (scheduledFor) => ({ scheduledFor: scheduledFor.toISOString() }),
    };
  }

  /** An application for an official of its area, locked for the rest of the transaction (drafts do not exist for them). */
  private async forOfficial(m: EntityManager, user: AuthenticatedUser, id: string): Promise<InitiativeRow> {
    const r = await this.applications.row(m, id, true);
    if (r.status === 'draft') throw InitiativesError.notFound();
    await this.applications.assertOfficial(user, r, m);
    return r;
  }

  /** Plain text required: cleaned, non-empty, or a 422 naming the field. */
  private static text(
    input: Record<string, unknown>,
    names: string[],
    code: InitiativesErrorCode.InvalidApplication | InitiativesErrorCode.InvalidDecision,
  ): Record<string, string> {
    const problems: FieldText[] = [];
    const out: Record<string, string> = {};
    for (const name of names) {
      const v = input[name];
      out[name] = typeof v === 'string' ? plainText(v) : '';
      if (!out[name]) problems.push(field(name, code, { pl: 'Pole nie może być puste.', en: 'The field must not be empty.' }));
    }
    if (problems.length) throw InitiativesError.incomplete(code, problems);
    return out;
  }

  /** registered → formal_check. */
  async startFormalCheck(user: AuthenticatedUser, id: string): Promise<FullInitiative> {
    await this.ds.transaction(async (m) => {
      const r = await this.forOfficial(m, user, id);
      assertMove(r.status, 'formal_check', ['registered']);
      await this.evaluationsRepo.startFormalCheck(m, id);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.formal_check_started', subjectType: 'initiative', subjectId: id });
      await this.applications.tell(m, r, 'formal_check');
    });
    return this.applications.full(id);
  }

  /** formal_check → correction_requested, with the note and the deadline (now + the programme's correction days). */
  async requestCorrection(user: AuthenticatedUser, id: string, input: { note: string }, now = this.clock.now()): Promise<FullInitiative> {
    const { note } = ReviewService.text(input, ['note'], InitiativesErrorCode.InvalidApplication);
    await this.ds.transaction(async (m) => {
      const r = await this.forOfficial(m, user, id);
      assertMove(r.status, 'correction_requested');
      const programme = await this.programmes.get(r.year, m);
      const deadline = new Date(now.getTime() + programme.correctionDays * DAY);
      await this.evaluationsRepo.requestCorrection(m, id, note, deadline);
      await appendAudit(m, {
        actorId: user.id,
        action: 'initiatives.correction_requested',
        subjectType: 'initiative',
        subjectId: id,
        details: { deadline: deadline.toISOString() },
      });
      await this.applications.tell(m, r, 'correction_requested', { reason: note, deadline: deadline.toISOString() });
    });
    return this.applications.full(id);
  }

  /** formal_check → evaluation: the application is formally correct. */
  async passFormalCheck(user: AuthenticatedUser, id: string): Promise<FullInitiative> {
    await this.ds.transaction(async (m) => {
      const r = await this.forOfficial(m, user, id);
      assertMove(r.status, 'evaluation');
      await this.evaluationsRepo.passFormalCheck(m, id);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.formal_check_passed', subjectType: 'initiative', subjectId: id });
      await this.applications.tell(m, r, 'evaluation');
    });
    return this.applications.full(id);
  }

  /** formal_check → rejected for formal reasons, with the justification. */
  async failFormalCheck(user: AuthenticatedUser, id: string, input: { reason: string }): Promise<FullInitiative> {
    const { reason } = ReviewService.text(input, ['reason'], InitiativesErrorCode.InvalidDecision);
    await this.ds.transaction(async (m) => {
      const r = await this.forOfficial(m, user, id);
      assertMove(r.status, 'rejected', ['formal_check']);
      await this.evaluationsRepo.rejectFormally(m, id, reason, user.id);
      await appendAudit(m, { actorId: user.id, action: 'initiatives.formal_check_failed', subjectType: 'initiative', subjectId: id });
      await this.applications.tell(m, r, 'rejected', { reason, public: true });
    });
    return this.applications.full(id);
  }

  /**
   * The deadline job: every application still waiting for corrections after its deadline becomes `unconsidered`,
   * told to the applicants. Conditional, so an overlapping run or a correction sent at the last moment wins once.
   * Returns the ids moved (no personal data).
   */
  async advance(now = this.clock.now()): Promise<string[]> {
    const { to } = DEADLINE_MOVE;
    const due = await this.evaluationsRepo.listPastCorrectionDeadline(now);
    const moved: string[] = [];
    for (const id of due) {
      await this.ds.transaction(async (m) => {
        const r = await this.evaluationsRepo.leaveUnconsidered(m, id, now);
        if (!r) return;
        await appendAudit(m, {
          actorId: null,
          action: 'initiatives.unconsidered',
          subjectType: 'initiative',
          subjectId: id,
          details: { reason: 'correction_deadline_passed' },
        });
        await this.applications.tell(m, r, to, {
          reason: 'Wniosek nie został poprawiony w terminie i pozostaje bez rozpatrzenia. / The application was not corrected in time and stays unconsidered.',
        });
        moved.push(id);
      });
    }
    if (moved.length) this.logger.log(`${moved.length} application(s) left unconsidered after the correction deadline`);
    return moved;
  }

  private async evaluations(m: EntityManager, id: string, criteria: Criterion[]): Promise<Evaluation[]> {
    const rows = await this.evaluationsRepo.listEvaluations(m, id);
    return rows.map((e) => ({ ...e, result: round3(evaluationResult(criteria, e.scores)) }));
  }

  /**
   * The scores as one official may see them: everything once decided or when disclosed for the decision; while it is
   * scored only their own evaluation (the others' scores and the mean stay hidden).
   */
  private async view(m: EntityManager, r: InitiativeRow, criteria: Criterion[], onlyOf?: string): Promise<ScoresView> {
    const evaluations = await this.evaluations(m, r.id, criteria);
    const { status, score } = await this.evaluationsRepo.statusAndScore(m, r.id);
    const all = onlyOf === undefined || !isBeforeDecision(status);
    return {
      initiativeId: r.id,
      status,
      criteria,
      submitted: evaluations.length,
      score: all ? score : null,
      evaluations: all ? evaluations : evaluations.filter((e) => e.evaluatorId === onlyOf),
    };
  }

  private async disclosedTo(m: EntityManager, user: AuthenticatedUser, id: string): Promise<boolean> {
    return this.evaluationsRepo.scoresDisclosedTo(m, id, user.id);
  }

  /**
   * One evaluator's scores, once: every criterion of the programme, whole points 0..maxPoints, nothing else. The
   * application's score (the mean of the evaluators' results) is recomputed in the same transaction.
   */
  async score(user: AuthenticatedUser, id: string, input: ScoresInput): Promise<ScoresView> {
    return this.ds.transaction(async (m) => {
      const r = await this.forOfficial(m, user, id);
      if (!isBeingScored(r.status)) throw InitiativesError.notBeingScored(r.status);
      if (await this.evaluationsRepo.hasScored(m, id, user.id)) throw InitiativesError.alreadyScored();
      if (await this.disclosedTo(m, user, id)) throw InitiativesError.scoresDisclosed();
      const programme = await this.programmes.get(r.year, m);
      const problems: FieldText[] = [];
      const scores: Record<string, number> = {};
      for (const key of Object.keys(input.scores))
        if (!programme.criteria.some((c) => c.key === key))
          problems.push(
            field(`scores.${key}`, 'unknown_criterion', {
              pl: `Nie ma takiego kryterium; kryteria programu: ${programme.criteria.map((c) => c.key).join(', ')}.`,
              en: `No such criterion; the programme's criteria: ${programme.criteria.map((c) => c.key).join(', ')}.`,
            }),
          );
      for (const c of programme.criteria) {
        const v = input.scores[c.key];
        if (v === undefined || v === null)
          problems.push(field(`scores.${c.key}`, 'required', { pl: `Oceń kryterium „${c.namePl}”.`, en: `Score the criterion "${c.nameEn}".` }));
        else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > c.maxPoints)
          problems.push(
            field(`scores.${c.key}`, 'out_of_range', {
              pl: `Kryterium „${c.namePl}”: liczba całkowita od 0 do ${c.maxPoints}.`,
              en: `Criterion "${c.nameEn}": a whole number from 0 to ${c.maxPoints}.`,
            }),
          );
        else scores[c.key] = v;
      }
      if (problems.length) throw InitiativesError.invalidScores(problems);
      const remarks = plainText(input.remarks ?? '');
      if (!(await this.evaluationsRepo.insertEvaluation(m, id, user.id, scores, remarks))) throw InitiativesError.alreadyScored();
      const score = applicationScore(programme.criteria, await this.evaluationsRepo.listScores(m, id));
      await this.evaluationsRepo.setScore(m, id, score);
      await appendAudit(m, {
        actorId: user.id,
        action: 'initiatives.scored',
        subjectType: 'initiative',
        subjectId: id,
        details: { result: round3(evaluationResult(programme.criteria, scores)) },
      });
      return this.view(m, r, programme.criteria, user.id);
    });
  }

  /**
   * The scores, independently: while the application is scored an evaluator sees only their own evaluation and the
   * number submitted (before submitting theirs: 409 scores_hidden with that number); everyone's scores and the mean
   * appear after the decision. The deciding official asks `forDecision` and sees all at once — recorded in the audit
   * log, and from then on they cannot score this application themselves.
   */
  async scores(user: AuthenticatedUser, id: string, opts: { forDecision?: boolean } = {}): Promise<ScoresView> {
    return this.ds.transaction(async (m) => {
      const r = await this.forOfficial(m, user, id);
      const programme = await this.programmes.get(r.year, m);
      const mine = await this.evaluationsRepo.hasScored(m, id, user.id);
      const decided = !isBeforeDecision(r.status);
      const disclosed = await this.disclosedTo(m, user, id);
      if (!decided && !mine && !opts.forDecision && !disclosed) {
        throw InitiativesError.scoresHidden(await this.evaluationsRepo.countEvaluations(m, id));
      }
      if (!decided && opts.forDecision && !disclosed)
        await appendAudit(m, { actorId: user.id, action: SCORES_DISCLOSED, subjectType: 'initiative', subjectId: id });
      return this.view(m, r, programme.criteria, decided || opts.forDecision || disclosed ? undefined : user.id);
    });
  }

  /**
   * What the desk shows an official beside the act, never disclosing anything: once decided everyone's scores; while
   * scored only their own evaluation (null before they submit it); and whether they opened the decision view.
   */
  async visibleScores(user: AuthenticatedUser, id: string): Promise<{ scores: ScoresView | null; disclosed: boolean }> {
    return this.ds.transaction(async (m) => {
      // Read only: the row is not locked (a page view must not wait for, or hold up, an act on the application).
      const r = await this.applications.row(m, id);
      if (r.status === 'draft') throw InitiativesError.notFound();
      await this.applications.assertOfficial(user, r, m);
      const disclosed = await this.disclosedTo(m, user, id);
      const programme = await this.programmes.get(r.year, m);
      if (!isBeforeDecision(r.status)) return { scores: await this.view(m, r, programme.criteria), disclosed };
      const view = await this.view(m, r, programme.criteria, user.id);
      return { scores: view.evaluations.length ? view : { ...view, evaluations: [] }, disclosed };
    });
  }

  /**
   * evaluation → approved | rejected, with purposefulness for the community and the justification. Approval needs
   * what remains of the year's allocation to cover the city's share: the programme row is locked, so parallel
   * approvals are counted one after another and never exceed it.
   */
  async decide(user: AuthenticatedUser, id: string, input: DecisionInput): Promise<FullInitiative> {
    const text = ReviewService.text(input as unknown as Record<string, unknown>, ['purposefulness', 'reason'], InitiativesErrorCode.InvalidDecision);
    const status: InitiativeStatus = input.approve ? 'approved' : 'rejected';
    await this.ds.transaction(async (m) => {
      const r = await this.forOfficial(m, user, id);
      assertMove(r.status, status, ['evaluation']);
      const n = await this.evaluationsRepo.countEvaluations(m, id);
      if (n === 0) throw InitiativesError.noScores();
      if (input.approve) {
        await this.evaluationsRepo.lockProgramme(m, r.programme_id);
        const { remaining } = await this.programmes.get(r.year, m);
        const share = Number(r.city_share_total);
        if (share > remaining) throw InitiativesError.allocationExceeded(r.year, remaining, share);
      }
      await this.evaluationsRepo.recordDecision(m, id, { status, purposefulness: text.purposefulness, reason: text.reason, decidedBy: user.id });
      await appendAudit(m, { actorId: user.id, action: 'initiatives.decided', subjectType: 'initiative', subjectId: id, details: { status, evaluations: n } });
      await this.applications.tell(m, r, status, { reason: text.reason, public: true });
    });
    return this.applications.full(id);
  }
}
