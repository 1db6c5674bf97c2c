import type { FieldText, Locale } from '@civitas/common';
import { DomainError } from '@civitas/common';
import { FormErrors, type FormError, type FormState } from '@civitas/web';
import type { AnswerInput, SurveyQuestion } from '../survey.service';
import { S } from './survey-pages.texts';

/** A survey of at most this many questions is one page; a longer one is split into pages of `PAGE_SIZE`. */
export const ONE_PAGE_MAX = 10;
export const PAGE_SIZE = 5;

/** The form field of a question: `q<position>` (q1, q2, …). */
export const questionField = (q: Pick<SurveyQuestion, 'position'>) => `q${q.position}`;

/** The questions of each page of the survey form. */
export function surveyPages(questions: SurveyQuestion[]): SurveyQuestion[][] {
  if (questions.length <= ONE_PAGE_MAX) return [questions];
  const pages: SurveyQuestion[][] = [];
  for (let i = 0; i < questions.length; i += PAGE_SIZE) pages.push(questions.slice(i, i + PAGE_SIZE));
  return pages;
}

const first = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/**
 * What the form carries for each question, as typed (strings; a list for multiple choice), and the e-mail address.
 * Only the survey's own fields are read; anything else in the body is left aside.
 */
export function surveyValues(questions: SurveyQuestion[], body: unknown): FormState['values'] {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const values: FormState['values'] = {};
  for (const q of questions) {
    const raw = b[questionField(q)];
    if (q.kind === 'multiple') values[questionField(q)] = list(raw);
    else if (Array.isArray(raw)) values[questionField(q)] = raw.filter((x): x is string => typeof x === 'string');
    else values[questionField(q)] = first(raw);
  }
  const email = first(b.email);
  if (email !== undefined) values.email = email;
  return values;
}

const isBlank = (v: string | string[] | undefined) => (Array.isArray(v) ? v.length === 0 : !v || !v.trim());

/** A number as the form gave it (a repeated or non-numeric value becomes NaN, which the service refuses). */
const num = (v: string | string[] | undefined): number => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

/**
 * The answers for `SurveyService.respond`, in the order of the questions, with the question each one is for (to put
 * the service's problems next to the right field). Unanswered questions are left out: the service checks the rules.
 */
export function surveyAnswers(questions: SurveyQuestion[], values: FormState['values']): { answers: AnswerInput[]; fieldOf: string[] } {
  const answers: AnswerInput[] = [];
  const fieldOf: string[] = [];
  for (const q of questions) {
    const name = questionField(q);
    const v = values[name];
    if (isBlank(v)) continue;
    const a: AnswerInput = { questionId: q.id };
    if (q.kind === 'single') a.choice = num(v);
    else if (q.kind === 'multiple') a.choices = (Array.isArray(v) ? v : [v!]).map((x) => num(x));
    else if (q.kind === 'scale') a.value = num(v);
    else a.text = Array.isArray(v) ? v.join('\n') : v;
    answers.push(a);
    fieldOf.push(name);
  }
  return { answers, fieldOf };
}

/** The required questions of a page left unanswered (checked before moving on; the service checks all at the end). */
export function missingOnPage(page: SurveyQuestion[], values: FormState['values'], locale: Locale): FormErrors {
  const list: FormError[] = page
    .filter((q) => q.required && isBlank(values[questionField(q)]))
    .map((q) => ({ field: questionField(q), text: S.answerRequired[locale].replace('{n}', String(q.position)).replace('{prompt}', q.prompt) }));
  return new FormErrors(list);
}

/**
 * The service's `invalid_answers` as the form's problems: `answers.N.…` next to the question of the N-th answer sent,
 * an unanswered required question next to that question (its position is in the message), the e-mail next to its
 * field; anything else in the summary only. Null for an error that is not the form's.
 */
export function surveyErrorsOf(err: unknown, questions: SurveyQuestion[], fieldOf: string[], locale: Locale): FormErrors | null {
  if (!(err instanceof DomainError) || err.kind !== 'invalid') return null;
  const fields: FieldText[] = err.fields ?? [];
  if (!fields.length) return new FormErrors([{ field: null, text: err.text[locale] }]);
  return new FormErrors(
    fields.map((f): FormError => {
      const m = /^answers\.(\d+)(\.|$)/.exec(f.field);
      if (m) return { field: fieldOf[Number(m[1])] ?? null, text: f.text[locale] };
      if (f.field === 'answers' && f.code === 'required_question') {
        const q = questions.find((x) => f.text.pl.startsWith(`Pytanie ${x.position} `));
        return { field: q ? questionField(q) : null, text: f.text[locale] };
      }
      if (f.field === 'email') return { field: 'email', text: f.text[locale] };
      return { field: null, text: f.text[locale] };
    }),
  );
}
