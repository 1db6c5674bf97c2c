import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows, rowsOf } from '@civitas/database';
import type { QuestionInput, QuestionKind, SurveyQuestion } from './survey.service';

/** A checked answer, as stored in survey_answers. */
export interface StoredAnswer {
  questionId: string;
  choices: number[] | null;
  value: number | null;
  text: string | null;
}

/** A response to record: confirmed at once (an account) or pending its mailed code (an e-mail address). */
export interface NewResponse {
  consultationId: string;
  respondentKey: string;
  userId: string | null;
  email: string | null;
  status: 'pending' | 'confirmed';
}

/** A response locked for its confirmation, with its code's state and its consultation's status. */
export interface LockedResponse {
  id: string;
  status: string;
  codeHash: string | null;
  codeAttempts: number;
  /** null when no code is set. */
  expired: boolean | null;
  confirmedAt: Date | null;
  consultationStatus: string;
}

/** A response whose confirmation code is to be mailed, with its consultation's title and status. */
export interface CodeRecipient {
  id: string;
  status: string;
  email: string | null;
  title: string;
  consultationStatus: string;
}

/** The counts of the confirmed responses' answers, per question (the rows the results are built from). */
export interface AnswerTallies {
  /** How many answered each question. */
  answered: Array<{ questionId: string; n: number }>;
  /** How many chose each option (by index). */
  chosen: Array<{ questionId: string; index: number; n: number }>;
  /** How many gave each scale value. */
  valued: Array<{ questionId: string; value: number; n: number }>;
  /** The text answers, by question, in the order their responses were confirmed. */
  texts: Array<{ questionId: string; text: string }>;
}

interface QuestionRow {
  id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  required: boolean;
  options: string[];
  scale_min: number | null;
  scale_max: number | null;
}

interface LockedResponseRow {
  id: string;
  status: string;
  code_hash: string | null;
  code_attempts: number;
  expired: boolean | null;
  confirmed_at: Date | null;
  consultation_status: string;
}

interface CodeRecipientRow {
  id: string;
  status: string;
  email: string | null;
  title: string;
  consultation_status: string;
}

const questionOf = (q: QuestionRow): SurveyQuestion => ({
  id: q.id,
  position: q.position,
  kind: q.kind,
  prompt: q.prompt,
  required: q.required,
  options: q.options,
  scaleMin: q.scale_min,
  scaleMax: q.scale_max,
});

const lockedResponseOf = (r: LockedResponseRow): LockedResponse => ({
  id: r.id,
  status: r.status,
  codeHash: r.code_hash,
  codeAttempts: r.code_attempts,
  expired: r.expired,
  confirmedAt: r.confirmed_at,
  consultationStatus: r.consultation_status,
});

const codeRecipientOf = (r: CodeRecipientRow): CodeRecipient => ({
  id: r.id,
  status: r.status,
  email: r.email,
  title: r.title,
  consultationStatus: r.consultation_status,
});

/** The answers of the confirmed responses of a consultation ($1). */
const CONFIRMED_ANSWERS = `FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id AND r.status = 'confirmed' WHERE r.consultation_id = $1`;

/**
 * The SQL of a consultation's survey: `survey_questions`, `survey_responses` (with their confirmation codes) and
 * `survey_answers`, as named methods with typed rows. Methods used in a transaction take its EntityManager first;
 * the others read through the DataSource unless given one.
 */
@Injectable()
export class SurveyRepository {
  constructor(private readonly ds: DataSource) {}

  /** The consultation's questions, in order. */
  async listQuestions(m: EntityManager, consultationId: string): Promise<SurveyQuestion[]> {
    const rows = await queryRows<QuestionRow>(
      m,
      `SELECT id, position, kind, prompt, required, options, scale_min, scale_max FROM survey_questions WHERE consultation_id = $1 ORDER BY position`,
      [consultationId],
    );
    return rows.map(questionOf);
  }

  /** Whether the consultation has a survey (at least one question). */
  async hasQuestions(consultationId: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    const [row] = await queryRows<{ has: boolean }>(m, `SELECT EXISTS (SELECT 1 FROM survey_questions WHERE consultation_id = $1) AS has`, [consultationId]);
    return row.has;
  }

  /** Replaces the consultation's questions (positions 1, 2, … in the order given; texts already plain). */
  async replaceQuestions(m: EntityManager, consultationId: string, questions: QuestionInput[]): Promise<void> {
    await m.query(`DELETE FROM survey_questions WHERE consultation_id = $1`, [consultationId]);
    for (const [i, q] of questions.entries()) {
      await m.query(
        `INSERT INTO survey_questions (consultation_id, position, kind, prompt, required, options, scale_min, scale_max) VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8)`,
        [consultationId, i + 1, q.kind, q.prompt, q.required, q.options, q.scaleMin ?? null, q.scaleMax ?? null],
      );
    }
  }

  /** Whether the respondent (by key) has a response to the consultation, confirmed or pending. */
  async hasResponse(consultationId: string, respondentKey: string, m: EntityManager = this.ds.manager): Promise<boolean> {
    const rows = await queryRows<unknown>(m, `SELECT 1 FROM survey_responses WHERE consultation_id = $1 AND respondent_key = $2`, [
      consultationId,
      respondentKey,
    ]);
    return rows.length > 0;
  }

  /**
   * Deletes the respondent's pending response older than `ttlSeconds` whose code expired, was never set or has used up
   * its `maxAttempts` (it gives way to a new one).
   */
  async deleteLapsedPending(m: EntityManager, consultationId: string, respondentKey: string, ttlSeconds: number, maxAttempts: number): Promise<void> {
    await m.query(
      `DELETE FROM survey_responses WHERE consultation_id = $1 AND respondent_key = $2 AND status = 'pending'
          AND created_at < now() - make_interval(secs => $3)
          AND (code_expires_at IS NULL OR code_expires_at < now() OR code_attempts >= $4)`,
      [consultationId, respondentKey, ttlSeconds, maxAttempts],
    );
  }

  /**
   * Inserts a response (a confirmed one with its confirmation time); returns its id and that time. A second one of
   * the respondent fails with a unique violation.
   */
  async insertResponse(m: EntityManager, r: NewResponse): Promise<{ id: string; confirmedAt: Date | null }> {
    const [row] = await queryRows<{ id: string; confirmed_at: Date | null }>(
      m,
      `INSERT INTO survey_responses (consultation_id, respondent_key, user_id, email, status, confirmed_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'confirmed' THEN now() END) RETURNING id, confirmed_at`,
      [r.consultationId, r.respondentKey, r.userId, r.email, r.status],
    );
    return { id: row.id, confirmedAt: row.confirmed_at };
  }

  /** Inserts the response's answers (one statement). */
  async insertAnswers(m: EntityManager, responseId: string, answers: StoredAnswer[]): Promise<void> {
    await m.query(
      `INSERT INTO survey_answers (response_id, question_id, choices, value, text)
       SELECT $1, t.question_id, CASE WHEN t.choices = '' THEN NULL ELSE string_to_array(t.choices, ',')::int[] END, t.value, t.text
         FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[]) AS t(question_id, choices, value, text)`,
      [
        responseId,
        answers.map((a) => a.questionId),
        answers.map((a) => (a.choices ? a.choices.join(',') : '')),
        answers.map((a) => a.value),
        answers.map((a) => a.text),
      ],
    );
  }

  /** The response of the consultation locked for the rest of the transaction, with its code's state; undefined when there is none. */
  async lockResponse(m: EntityManager, responseId: string, consultationId: string): Promise<LockedResponse | undefined> {
    const r = await queryOne<LockedResponseRow>(
      m,
      `SELECT r.id, r.status, r.code_hash, r.code_attempts, r.code_expires_at < now() AS expired, r.confirmed_at, c.status AS consultation_status
         FROM survey_responses r JOIN consultations c ON c.id = r.consultation_id
        WHERE r.id = $1 AND r.consultation_id = $2 FOR UPDATE OF r`,
      [responseId, consultationId],
    );
    return r && lockedResponseOf(r);
  }

  /** Counts a wrong code against the response. */
  async addCodeAttempt(m: EntityManager, responseId: string): Promise<void> {
    await m.query(`UPDATE survey_responses SET code_attempts = code_attempts + 1 WHERE id = $1`, [responseId]);
  }

  /** Confirms the response and clears its code (the address stays); returns when it was confirmed. */
  async markConfirmed(m: EntityManager, responseId: string): Promise<Date> {
    const [done] = rowsOf<{ confirmed_at: Date }>(
      await m.query(
        `UPDATE survey_responses SET status = 'confirmed', confirmed_at = now(), code_hash = NULL, code_expires_at = NULL WHERE id = $1 RETURNING confirmed_at`,
        [responseId],
      ),
    );
    return done.confirmed_at;
  }

  /** The response a confirmation code is mailed for, with its consultation; undefined when there is none. */
  async findCodeRecipient(responseId: string, m: EntityManager = this.ds.manager): Promise<CodeRecipient | undefined> {
    const r = await queryOne<CodeRecipientRow>(
      m,
      `SELECT r.id, r.status, r.email, c.title, c.status AS consultation_status FROM survey_responses r JOIN consultations c ON c.id = r.consultation_id WHERE r.id = $1`,
      [responseId],
    );
    return r && codeRecipientOf(r);
  }

  /** Sets a new code (its hash) valid `ttlSeconds`, attempts reset, if the response is still pending; false when it is not. */
  async setCode(responseId: string, codeHash: string, ttlSeconds: number, m: EntityManager = this.ds.manager): Promise<boolean> {
    const set = rowsOf(
      await m.query(
        `UPDATE survey_responses SET code_hash = $2, code_attempts = 0, code_expires_at = now() + make_interval(secs => $3) WHERE id = $1 AND status = 'pending' RETURNING id`,
        [responseId, codeHash, ttlSeconds],
      ),
    );
    return set.length > 0;
  }

  /** How many confirmed responses the consultation has. */
  async countConfirmed(m: EntityManager, consultationId: string): Promise<number> {
    const [{ n }] = await queryRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM survey_responses WHERE consultation_id = $1 AND status = 'confirmed'`, [
      consultationId,
    ]);
    return n;
  }

  /** The counts per question, option and scale value, and the texts, of the consultation's confirmed responses. */
  async tallies(m: EntityManager, consultationId: string): Promise<AnswerTallies> {
    const answered = await queryRows<{ question_id: string; n: number }>(
      m,
      `SELECT a.question_id, count(*)::int AS n ${CONFIRMED_ANSWERS} GROUP BY a.question_id`,
      [consultationId],
    );
    const chosen = await queryRows<{ question_id: string; i: number; n: number }>(
      m,
      `SELECT a.question_id, x.i, count(*)::int AS n ${CONFIRMED_ANSWERS.replace('WHERE', ', unnest(a.choices) AS x(i) WHERE')} GROUP BY a.question_id, x.i`,
      [consultationId],
    );
    const valued = await queryRows<{ question_id: string; value: number; n: number }>(
      m,
      `SELECT a.question_id, a.value, count(*)::int AS n ${CONFIRMED_ANSWERS} AND a.value IS NOT NULL GROUP BY a.question_id, a.value`,
      [consultationId],
    );
    const texts = await queryRows<{ question_id: string; text: string }>(
      m,
      `SELECT a.question_id, a.text ${CONFIRMED_ANSWERS} AND a.text IS NOT NULL ORDER BY a.question_id, r.confirmed_at, r.id`,
      [consultationId],
    );
    return {
      answered: answered.map((r) => ({ questionId: r.question_id, n: r.n })),
      chosen: chosen.map((r) => ({ questionId: r.question_id, index: r.i, n: r.n })),
      valued: valued.map((r) => ({ questionId: r.question_id, value: r.value, n: r.n })),
      texts: texts.map((r) => ({ questionId: r.question_id, text: r.text })),
    };
  }
}
