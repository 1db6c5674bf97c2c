import { ConsultationsError, ConsultationsErrorCode, field } from '../consultations.errors';
import type { SurveyQuestion } from '../survey.service';
import { missingOnPage, surveyAnswers, surveyErrorsOf, surveyPages, surveyValues } from './survey-form';

const question = (position: number, kind: SurveyQuestion['kind'], required = false): SurveyQuestion => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  position,
  kind,
  prompt: `Pytanie ${position}?`,
  required,
  options: kind === 'single' || kind === 'multiple' ? ['A', 'B', 'C'] : [],
  scaleMin: kind === 'scale' ? 1 : null,
  scaleMax: kind === 'scale' ? 5 : null,
});

describe('the survey form (pages, answers, problems)', () => {
  const four = [question(1, 'single', true), question(2, 'multiple'), question(3, 'scale', true), question(4, 'text')];

  it('is one page up to 10 questions, pages of 5 above', () => {
    expect(surveyPages(four)).toHaveLength(1);
    const ten = Array.from({ length: 10 }, (_, i) => question(i + 1, 'text'));
    expect(surveyPages(ten).map((p) => p.length)).toEqual([10]);
    const twelve = Array.from({ length: 12 }, (_, i) => question(i + 1, 'text'));
    expect(surveyPages(twelve).map((p) => p.map((q) => q.position))).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12],
    ]);
  });

  it('reads only the survey’s fields; a single ticked checkbox is a list; blank answers are left out; numbers checked by the service', () => {
    const values = surveyValues(four, { q1: '2', q2: '0', q3: ' ', q4: 'Uwaga', page: '0', other: 'x', email: 'a@example.org' });
    expect(values).toEqual({ q1: '2', q2: ['0'], q3: ' ', q4: 'Uwaga', email: 'a@example.org' });
    const { answers, fieldOf } = surveyAnswers(four, values);
    expect(answers).toEqual([
      { questionId: four[0].id, choice: 2 },
      { questionId: four[1].id, choices: [0] },
      { questionId: four[3].id, text: 'Uwaga' },
    ]);
    expect(fieldOf).toEqual(['q1', 'q2', 'q4']);
    // A tampered value becomes NaN, which the service refuses (never a silent 0).
    expect(surveyAnswers(four, { q1: 'abc', q3: ['1', '2'] }).answers).toEqual([
      { questionId: four[0].id, choice: Number.NaN },
      { questionId: four[2].id, value: Number.NaN },
    ]);
  });

  it('names the unanswered required questions of a page', () => {
    const errors = missingOnPage(four, { q1: '0' }, 'en');
    expect(errors.list).toEqual([{ field: 'q3', text: 'Question 3 is required: "Pytanie 3?".' }]);
  });

  it('puts the service’s problems next to their questions, others in the summary; not-form errors are left alone', () => {
    const err = new ConsultationsError('invalid', ConsultationsErrorCode.InvalidAnswers, { pl: 'Błędy', en: 'Errors' }, [
      field('answers.1.choices.0', 'out_of_range', { pl: 'Poza zakresem', en: 'Out of range' }),
      field('answers', 'required_question', { pl: 'Pytanie 3 jest obowiązkowe: „Pytanie 3?”.', en: 'Question 3 is required: "Pytanie 3?".' }),
      field('email', 'required', { pl: 'Podaj adres', en: 'Give the address' }),
      field('answers', 'empty', { pl: 'Odpowiedz', en: 'Answer' }),
    ]);
    expect(surveyErrorsOf(err, four, ['q1', 'q2'], 'pl')!.list).toEqual([
      { field: 'q2', text: 'Poza zakresem' },
      { field: 'q3', text: 'Pytanie 3 jest obowiązkowe: „Pytanie 3?”.' },
      { field: 'email', text: 'Podaj adres' },
      { field: null, text: 'Odpowiedz' },
    ]);
    expect(surveyErrorsOf(ConsultationsError.notOpen(), four, [], 'pl')).toBeNull();
  });
});
