import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText } from '@civitas/common';
import { AppConfig } from '@civitas/config';
import { appendAudit, isUniqueViolation } from '@civitas/database';
import { MailTransport } from '@civitas/mail';
import { OutboxService } from '@civitas/queue';
import { ConsultationsError, field } from './consultations.errors';
import { ConsultationRow, ConsultationsService } from './consultations.service';
import { renderSurveyCodeMail } from './survey-mail.templates';
import { type StoredAnswer, SurveyRepository } from './survey.repository';

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionInput {
  kind: QuestionKind;
  prompt: string;
  required?: boolean;
  options?: string[];
  scaleMin?: number;
  scaleMax?: number;
}

export interface AnswerInput {
  questionId: string;
  choice?: number;
  choices?: number[];
  value?: number;
  text?: string;
}

export interface ResponseInput {
  answers: AnswerInput[];
  email?: string;
}

export interface SurveyQuestion {
  id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  required: boolean;
  options: string[];
  scaleMin: number | null;
  scaleMax: number | null;
}

export interface QuestionResult {
  questionId: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  /** Confirmed responses that answered this question. */
  answered: number;
  /** single/multiple: every option in order with how many chose it. */
  options?: Array<{ index: number; option: string; count: number }>;
  /** scale: every value from scaleMin to scaleMax with its count, and the mean (null without answers). */
  values?: Array<{ value: number; count: number }>;
  mean?: number | null;
  /** text: the answers, without respondents. */
  texts?: string[];
}

export interface SurveyResults {
  /** Confirmed responses (pending ones never count). */
  respondents: number;
  questions: QuestionResult[];
}

export interface Survey {
  consultationId: string;
  access: 'account' | 'email_code';
  questions: SurveyQuestion[];
  /** Only once the consultation is closed (or its report published); null before. */
  results: SurveyResults | null;
}

export interface SurveyReceipt {
  id: string;
  status: 'pending' | 'confirmed';
  /** How the response is confirmed: a code mailed to the address given (email_code), or nothing to do (null). */
  confirmation: 'email_code' | null;
  confirmedAt: Date | null;
}

const MAX_QUESTIONS = 100;
const PROMPT_MAX = 1000;
const OPTION_MAX = 300;
const OPTIONS_MIN = 2;
const OPTIONS_MAX = 20;
const SCALE_LIMIT = 1000;
const SCALE_SPAN_MAX = 100;
const TEXT_MAX = 5000;
const CODE_TTL_MS = 15 * 60_000;
export const SURVEY_CODE_ATTEMPTS = 5;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hashCode = (responseId: string, code: string): string => sha256(`survey-code:${responseId}:${code}`);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * The survey of a consultation (DESIGN §4.2): questions set by its officials before it opens, one response per
 * participant (a unique respondent key: HMAC of the account, or of the e-mail address confirmed with a mailed code),
 * results from confirmed responses only, shown once the consultation is closed. No log line or job payload carries
 * an address, a code or an answer.
 */
@Injectable()
export class SurveyService {
  private readonly logger = new Logger(SurveyService.name);

  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly mail: MailTransport,
    private readonly consultations: ConsultationsService,
    private readonly surveys: SurveyRepository,
  ) {}

  private async survey(m: EntityManager, c: ConsultationRow): Promise<Survey> {
    const shown = c.status === 'closed' || c.status === 'report_published';
    return {
      consultationId: c.id,
      access: c.survey_access,
      questions: await this.surveys.listQuestions(m, c.id),
      results: shown ? await this.results(c.id, m) : null,
    };
  }

  /** Whether the consultation has a survey (at least one question); no status check. */
  async hasQuestions(consultationId: string): Promise<boolean> {
    return this.surveys.hasQuestions(consultationId);
  }

  /** Whether this account has answered the survey (confirmed or pending); for the pages, which then show no form. */
  async hasResponded(consultationId: string, userId: string): Promise<boolean> {
    return this.surveys.hasResponse(consultationId, this.respondentKey(consultationId, `account:${userId}`));
  }

  /** The survey as the public sees it (never a draft's): questions, access mode, results once closed. */
  async get(consultationId: string): Promise<Survey> {
    const m = this.ds.manager;
    return this.survey(m, await this.consultations.row(m, consultationId));
  }

  /** The survey for an official who runs the consultation, also while it is a draft (the desk's survey builder). */
  async forOfficial(user: AuthenticatedUser, consultationId: string): Promise<Survey> {
    const m = this.ds.manager;
    return this.survey(m, await this.consultations.manageable(user, consultationId, m));
  }

  /** Checks the questions (plain text cleaned) and returns them ready to store; all problems at once. */
  private checkQuestions(input: QuestionInput[]): QuestionInput[] {
    const problems: FieldText[] = [];
    const bad = (path: string, code: string, pl: string, en: string) => problems.push(field(path, code, { pl, en }));
    if (!Array.isArray(input))
      throw ConsultationsError.invalidSurvey([field('questions', 'required', { pl: 'Podaj listę pytań.', en: 'Give the list of questions.' })]);
    if (input.length > MAX_QUESTIONS) bad('questions', 'too_many', `Najwyżej ${MAX_QUESTIONS} pytań.`, `At most ${MAX_QUESTIONS} questions.`);
    const out = input.map((q, i): QuestionInput => {
      const at = `questions.${i}`;
      const prompt = plainText(String(q.prompt ?? ''));
      if (!prompt) bad(`${at}.prompt`, 'required', 'Podaj treść pytania.', 'Give the question text.');
      else if (prompt.length > PROMPT_MAX) bad(`${at}.prompt`, 'too_long', `Najwyżej ${PROMPT_MAX} znaków.`, `At most ${PROMPT_MAX} characters.`);
      const choice = q.kind === 'single' || q.kind === 'multiple';
      let options: string[] = [];
      if (choice) {
        const raw = q.options ?? [];
        options = raw.map((o) => plainText(String(o)));
        if (raw.length < OPTIONS_MIN || raw.length > OPTIONS_MAX)
          bad(
            `${at}.options`,
            'count',
            `Pytanie wyboru ma od ${OPTIONS_MIN} do ${OPTIONS_MAX} odpowiedzi do wyboru.`,
            `A choice question has ${OPTIONS_MIN} to ${OPTIONS_MAX} options.`,
          );
        const seen = new Set<string>();
        options.forEach((o, j) => {
          if (!o) bad(`${at}.options.${j}`, 'required', 'Odpowiedź do wyboru nie może być pusta.', 'An option cannot be empty.');
          else if (o.length > OPTION_MAX) bad(`${at}.options.${j}`, 'too_long', `Najwyżej ${OPTION_MAX} znaków.`, `At most ${OPTION_MAX} characters.`);
          const key = o.toLocaleLowerCase('pl');
          if (o && seen.has(key)) bad(`${at}.options.${j}`, 'duplicate', 'Ta odpowiedź do wyboru już jest na liście.', 'This option is already on the list.');
          seen.add(key);
        });
      } else if (q.options !== undefined && q.options.length > 0) {
        bad(
          `${at}.options`,
          'not_allowed',
          'Odpowiedzi do wyboru mają tylko pytania jednokrotnego i wielokrotnego wyboru.',
          'Only single and multiple choice questions have options.',
        );
      }
      if (q.kind === 'scale') {
        const lo = q.scaleMin;
        const hi = q.scaleMax;
        if (!isInt(lo) || Math.abs(lo) > SCALE_LIMIT)
          bad(`${at}.scaleMin`, 'required', 'Podaj najmniejszą wartość skali (liczba całkowita).', 'Give the lowest value of the scale (an integer).');
        if (!isInt(hi) || Math.abs(hi) > SCALE_LIMIT)
          bad(`${at}.scaleMax`, 'required', 'Podaj największą wartość skali (liczba całkowita).', 'Give the highest value of the scale (an integer).');
        else if (isInt(lo) && (hi <= lo || hi - lo > SCALE_SPAN_MAX))
          bad(
            `${at}.scaleMax`,
            'range',
            `Największa wartość skali musi być większa od najmniejszej, najwyżej o ${SCALE_SPAN_MAX}.`,
            `The highest value of the scale must be above the lowest, by at most ${SCALE_SPAN_MAX}.`,
          );
      } else {
        for (const k of ['scaleMin', 'scaleMax'] as const)
          if (q[k] !== undefined && q[k] !== null) bad(`${at}.${k}`, 'not_allowed', 'Zakres ma tylko pytanie ze skalą.', 'Only a scale question has a range.');
      }
      return {
        kind: q.kind,
        prompt,
        required: q.required ?? false,
        options,
        scaleMin: q.kind === 'scale' ? q.scaleMin : undefined,
        scaleMax: q.kind === 'scale' ? q.scaleMax : undefined,
      };
    });
    if (problems.length) throw ConsultationsError.invalidSurvey(problems);
    return out;
  }

  /** Replaces the questions (positions in the order given): officials who run the consultation, before it opens. */
  async setQuestions(user: AuthenticatedUser, consultationId: string, input: QuestionInput[]): Promise<Survey> {
    return this.ds.transaction(async (m) => {
      const c = await this.consultations.manageable(user, consultationId, m, true);
      if (c.status !== 'draft' && c.status !== 'announced') throw ConsultationsError.surveyFrozen(c.status);
      const questions = this.checkQuestions(input);
      await this.surveys.replaceQuestions(m, consultationId, questions);
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.survey_set',
        subjectType: 'consultation',
        subjectId: consultationId,
        details: { questions: questions.length },
      });
      return this.survey(m, c);
    });
  }

  /** Checks the answers against the questions; all problems at once. Empty answers of optional questions are left out. */
  private checkAnswers(questions: SurveyQuestion[], answers: AnswerInput[], problems: FieldText[]): StoredAnswer[] {
    const bad = (path: string, code: string, pl: string, en: string) => problems.push(field(path, code, { pl, en }));
    const byId = new Map(questions.map((q) => [q.id, q]));
    const answered = new Set<string>();
    const out: StoredAnswer[] = [];
    (answers ?? []).forEach((a, i) => {
      const at = `answers.${i}`;
      const q = byId.get(a.questionId);
      if (!q) return bad(`${at}.questionId`, 'unknown_question', 'W tej ankiecie nie ma takiego pytania.', 'This survey has no such question.');
      if (answered.has(q.id))
        return bad(`${at}.questionId`, 'duplicate', 'Na to pytanie odpowiedziano już wyżej.', 'This question has already been answered above.');
      answered.add(q.id);
      const extra = (['choice', 'choices', 'value', 'text'] as const).filter((k) => a[k] !== undefined && a[k] !== null && k !== this.answerField(q.kind));
      for (const k of extra)
        bad(`${at}.${k}`, 'not_allowed', `To pole nie pasuje do pytania ${q.position}.`, `This field does not fit question ${q.position}.`);
      const n = q.options.length;
      switch (q.kind) {
        case 'single': {
          if (a.choice === undefined || a.choice === null) break;
          if (!isInt(a.choice) || a.choice < 0 || a.choice >= n)
            bad(`${at}.choice`, 'out_of_range', `Wybierz jedną z odpowiedzi 0–${n - 1}.`, `Choose one of the options 0–${n - 1}.`);
          else out.push({ questionId: q.id, choices: [a.choice], value: null, text: null });
          return;
        }
        case 'multiple': {
          const cs = a.choices ?? [];
          if (!cs.length) break;
          let ok = true;
          const seen = new Set<number>();
          cs.forEach((x, j) => {
            if (!isInt(x) || x < 0 || x >= n) {
              ok = false;
              bad(
                `${at}.choices.${j}`,
                'out_of_range',
                `Nie ma odpowiedzi do wyboru o numerze ${String(x)} (są 0–${n - 1}).`,
                `There is no option ${String(x)} (options are 0–${n - 1}).`,
              );
            } else if (seen.has(x)) {
              ok = false;
              bad(`${at}.choices.${j}`, 'duplicate', 'Ta odpowiedź została wybrana więcej niż raz.', 'This option is chosen more than once.');
            }
            seen.add(x);
          });
          if (ok) out.push({ questionId: q.id, choices: [...seen].sort((x, y) => x - y), value: null, text: null });
          return;
        }
        case 'scale': {
          if (a.value === undefined || a.value === null) break;
          const lo = q.scaleMin!;
          const hi = q.scaleMax!;
          if (!isInt(a.value) || a.value < lo || a.value > hi)
            bad(`${at}.value`, 'out_of_range', `Podaj liczbę całkowitą od ${lo} do ${hi}.`, `Give a whole number from ${lo} to ${hi}.`);
          else out.push({ questionId: q.id, choices: null, value: a.value, text: null });
          return;
        }
        case 'text': {
          const t = plainText(String(a.text ?? ''));
          if (!t) break;
          if (t.length > TEXT_MAX) bad(`${at}.text`, 'too_long', `Najwyżej ${TEXT_MAX} znaków.`, `At most ${TEXT_MAX} characters.`);
          else out.push({ questionId: q.id, choices: null, value: null, text: t });
          return;
        }
      }
      // An empty answer: nothing to store; a required question stays unanswered (reported below).
      answered.delete(q.id);
    });
    for (const q of questions)
      if (q.required && !answered.has(q.id))
        bad('answers', 'required_question', `Pytanie ${q.position} jest obowiązkowe: „${q.prompt}”.`, `Question ${q.position} is required: "${q.prompt}".`);
    if (!out.length && !problems.length) bad('answers', 'empty', 'Odpowiedz na co najmniej jedno pytanie.', 'Answer at least one question.');
    return out;
  }

  private answerField(kind: QuestionKind): 'choice' | 'choices' | 'value' | 'text' {
    return kind === 'single' ? 'choice' : kind === 'multiple' ? 'choices' : kind === 'scale' ? 'value' : 'text';
  }

  /** HMAC-SHA256 (the voter-key secret) of the consultation and the normalised identity: the same person, the same key. */
  private respondentKey(consultationId: string, identity: string): string {
    return createHmac('sha256', this.config.voting.voterKeySecret).update(`${consultationId}\u0000${identity}`).digest('hex');
  }

  /**
   * One response per participant while the consultation is open. Signed in: confirmed at once. Anonymous (access
   * `email_code` only): pending until the code mailed to `email` is confirmed. The unique index on the respondent key
   * decides between parallel requests: 409 already_responded for every one but the first.
   */
  async respond(consultationId: string, user: AuthenticatedUser | null, input: ResponseInput): Promise<SurveyReceipt> {
    const c = await this.consultations.row(this.ds.manager, consultationId);
    if (c.status !== 'open') throw ConsultationsError.notOpen();
    if (!user && (c.survey_access === 'account' || c.audience === 'ngo')) throw ConsultationsError.accountRequired();
    await this.consultations.assertParticipant(c, user);
    const questions = await this.surveys.listQuestions(this.ds.manager, consultationId);
    if (!questions.length) throw ConsultationsError.noSurvey();
    const problems: FieldText[] = [];
    let identity: string;
    let email: string | null = null;
    if (user) identity = `account:${user.id}`;
    else {
      email = (input.email ?? '').trim().toLowerCase();
      if (!email)
        problems.push(
          field('email', 'required', {
            pl: 'Podaj adres e-mail: wyślemy na niego kod potwierdzający odpowiedź.',
            en: 'Give an e-mail address: the code confirming your response goes there.',
          }),
        );
      identity = `email:${email}`;
    }
    const answers = this.checkAnswers(questions, input.answers, problems);
    if (problems.length) throw ConsultationsError.invalidAnswers(problems);
    const key = this.respondentKey(consultationId, identity);
    const pending = !user;
    try {
      return await this.ds.transaction(async (m) => {
        // A pending response whose code expired unused (or can no longer be confirmed) gives way to a new one.
        await this.surveys.deleteLapsedPending(m, consultationId, key, CODE_TTL_MS / 1000, SURVEY_CODE_ATTEMPTS);
        const r = await this.surveys.insertResponse(m, {
          consultationId,
          respondentKey: key,
          userId: user?.id ?? null,
          email,
          status: pending ? 'pending' : 'confirmed',
        });
        await this.surveys.insertAnswers(m, r.id, answers);
        if (pending) await this.outbox.enqueue(m, 'send-survey-code', { responseId: r.id });
        return {
          id: r.id,
          status: pending ? ('pending' as const) : ('confirmed' as const),
          confirmation: pending ? ('email_code' as const) : null,
          confirmedAt: r.confirmedAt,
        };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw ConsultationsError.alreadyResponded();
      throw err;
    }
  }

  /** Confirms a pending response with the mailed code (15 minutes, 5 attempts); idempotent once confirmed. */
  async confirm(consultationId: string, responseId: string, code: string): Promise<SurveyReceipt> {
    const result = await this.ds.transaction(async (m) => {
      const r = await this.surveys.lockResponse(m, responseId, consultationId);
      if (!r || r.consultationStatus === 'draft') throw ConsultationsError.responseNotFound();
      if (r.status === 'confirmed') return { ok: true as const, confirmedAt: r.confirmedAt };
      if (r.consultationStatus !== 'open') throw ConsultationsError.surveyClosed();
      if (r.codeAttempts >= SURVEY_CODE_ATTEMPTS) throw ConsultationsError.tooManyAttempts();
      if (!r.codeHash || r.expired !== false) throw ConsultationsError.codeExpired();
      const given = Buffer.from(hashCode(r.id, code.trim()));
      if (given.length !== r.codeHash.length || !timingSafeEqual(given, Buffer.from(r.codeHash))) {
        await this.surveys.addCodeAttempt(m, r.id);
        return { ok: false as const, left: SURVEY_CODE_ATTEMPTS - r.codeAttempts - 1 };
      }
      // Confirmed: the code is no longer needed; the address stays (the participant is told when the report is out).
      return { ok: true as const, confirmedAt: await this.surveys.markConfirmed(m, r.id) };
    });
    if (!result.ok) throw result.left > 0 ? ConsultationsError.wrongCode(result.left) : ConsultationsError.tooManyAttempts();
    return { id: responseId, status: 'confirmed', confirmation: null, confirmedAt: result.confirmedAt };
  }

  /**
   * Mails the code confirming an anonymous response (job `send-survey-code`). The code is drawn here and only its
   * SHA-256 is stored (valid 15 minutes, attempts reset): a retried job mails a new code, replacing the earlier one.
   */
  async sendCode(responseId: string): Promise<void> {
    const r = await this.surveys.findCodeRecipient(responseId);
    if (!r || r.status !== 'pending' || !r.email || r.consultationStatus !== 'open') {
      this.logger.log({ responseId }, 'Survey code not sent: the response is no longer pending, has no address, or the consultation is not open');
      return;
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!(await this.surveys.setCode(r.id, hashCode(r.id, code), CODE_TTL_MS / 1000))) return;
    await this.mail.send({ to: r.email, ...renderSurveyCodeMail({ consultation: r.title, code, minutes: CODE_TTL_MS / 60_000 }) });
    this.logger.log({ responseId }, 'Survey code mailed');
  }

  /**
   * The aggregated results from confirmed responses: per question the count per option (single, multiple), per value
   * with the mean (scale), or the texts (text), never who answered. No status check: callers decide when to show them.
   */
  async results(consultationId: string, m: EntityManager = this.ds.manager): Promise<SurveyResults> {
    const questions = await this.surveys.listQuestions(m, consultationId);
    const respondents = await this.surveys.countConfirmed(m, consultationId);
    const { answered, chosen, valued, texts } = await this.surveys.tallies(m, consultationId);
    return {
      respondents,
      questions: questions.map((q): QuestionResult => {
        const base = { questionId: q.id, position: q.position, kind: q.kind, prompt: q.prompt, answered: answered.find((a) => a.questionId === q.id)?.n ?? 0 };
        if (q.kind === 'single' || q.kind === 'multiple')
          return {
            ...base,
            options: q.options.map((option, index) => ({ index, option, count: chosen.find((c) => c.questionId === q.id && c.index === index)?.n ?? 0 })),
          };
        if (q.kind === 'scale') {
          const values: Array<{ value: number; count: number }> = [];
          for (let v = q.scaleMin!; v <= q.scaleMax!; v++) values.push({ value: v, count: valued.find((c) => c.questionId === q.id && c.value === v)?.n ?? 0 });
          const total = values.reduce((s, v) => s + v.count, 0);
          const mean = total ? Math.round((values.reduce((s, v) => s + v.value * v.count, 0) / total) * 100) / 100 : null;
          return { ...base, values, mean };
        }
        return { ...base, texts: texts.filter((t) => t.questionId === q.id).map((t) => t.text) };
      }),
    };
  }
}
