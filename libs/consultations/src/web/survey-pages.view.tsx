import type { ComponentChildren } from 'preact';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  formatDateTime,
  formatNumber,
  InsetText,
  Panel,
  TextInput,
  Textarea,
  usePage,
  useT,
  type FormState,
} from '@civitas/web';
import type { Text } from '@civitas/common';
import type { QuestionResult, Survey, SurveyQuestion, SurveyResults } from '../survey.service';
import { ConsultationFrame, type ConsultationFacts } from './consultation-frame.view';
import { ChartFigure } from './survey-charts';
import { questionField } from './survey-form';
import { S } from './survey-pages.texts';

/** A text the service keeps in one language (a question, an option): the same in both. */
const same = (s: string): Text => ({ pl: s, en: s });

const surveyPath = (f: ConsultationFacts) => `/consultations/${f.c.id}/survey`;

/** One question as the field its kind asks for, its number and whether it is required in its legend or label. */
export function SurveyQuestionField(props: { q: SurveyQuestion; form: FormState }) {
  const t = useT();
  const q = props.q;
  const name = questionField(q);
  const label = same(`${t(S.questionLegend, { n: q.position, prompt: q.prompt })} ${t(q.required ? S.required : S.optional)}`);
  if (q.kind === 'text') return <Textarea name={name} label={label} form={props.form} hint={S.textHint} rows={4} />;
  if (q.kind === 'scale') {
    const min = q.scaleMin!;
    const max = q.scaleMax!;
    const choices = [];
    for (let v = min; v <= max; v++) {
      const end = v === min ? ` (${t(S.scaleLow)})` : v === max ? ` (${t(S.scaleHigh)})` : '';
      choices.push({ value: String(v), label: `${v}${end}` });
    }
    const hint = same(t(S.scaleHint, { min, max, minLabel: t(S.scaleLow), maxLabel: t(S.scaleHigh) }));
    return <Choices type="radio" name={name} legend={label} legendSize="m" form={props.form} hint={hint} choices={choices} inline small />;
  }
  return (
    <Choices
      type={q.kind === 'single' ? 'radio' : 'checkbox'}
      name={name}
      legend={label}
      legendSize="m"
      form={props.form}
      hint={q.kind === 'single' ? S.chooseOne : S.chooseMany}
      choices={q.options.map((o, i) => ({ value: String(i), label: o }))}
    />
  );
}

/** The answers of the other pages, carried as hidden fields (a long survey without JavaScript). */
function CarriedAnswers(props: { questions: SurveyQuestion[]; form: FormState }) {
  return (
    <>
      {props.questions.flatMap((q) => {
        const v = props.form.values[questionField(q)];
        const vs = Array.isArray(v) ? v : v !== undefined && v !== '' ? [v] : [];
        return vs.map((x) => <input type="hidden" name={questionField(q)} value={x} />);
      })}
    </>
  );
}

/** The survey form: one page for a short survey, pages of a few questions (answers carried along) for a long one. */
export function SurveyFormView(props: {
  facts: ConsultationFacts;
  survey: Survey;
  pages: SurveyQuestion[][];
  page: number;
  form: FormState;
  /** An anonymous participant of an `email_code` survey: the e-mail address is asked on the last page. */
  askEmail: boolean;
}) {
  const t = useT();
  const { pages, page } = props;
  const last = page === pages.length - 1;
  const here = pages[page];
  const others = pages.filter((_, i) => i !== page).flat();
  return (
    <ConsultationFrame facts={props.facts} active="survey" heading={t(S.heading)} errors={props.form.errors}>
      <ErrorSummary errors={props.form.errors} />
      <p class="govuk-body">{t(S.lead)}</p>
      <p class="govuk-body">{t(S.questionCount, { n: props.survey.questions.length })}</p>
      {pages.length > 1 ? <p class="govuk-caption-m">{t(S.stepOf, { page: page + 1, pages: pages.length })}</p> : null}
      <Form action={surveyPath(props.facts)}>
        <input type="hidden" name="page" value={String(page)} />
        <CarriedAnswers questions={others} form={props.form} />
        {here.map((q) => (
          <SurveyQuestionField q={q} form={props.form} />
        ))}
        {last && props.askEmail ? (
          <>
            <TextInput name="email" type="email" autocomplete="email" spellcheck={false} label={S.emailLabel} hint={S.emailHint} form={props.form} />
            <p class="govuk-body">
              {t(S.orSignIn, { link: '\u0000' })
                .split('\u0000')
                .flatMap((part, i) =>
                  i === 0
                    ? [part]
                    : [
                        <a class="govuk-link" href={`/sign-in?next=${encodeURIComponent(surveyPath(props.facts))}`}>
                          {t(S.signInLink)}
                        </a>,
                        part,
                      ],
                )}
            </p>
          </>
        ) : null}
        <div class="govuk-button-group">
          {last ? (
            <Button name="go" value="submit">
              {t(S.submit)}
            </Button>
          ) : (
            <Button name="go" value="next">
              {t(S.next)}
            </Button>
          )}
          {page > 0 ? (
            <Button name="go" value="back" variant="secondary">
              {t(S.back)}
            </Button>
          ) : null}
        </div>
      </Form>
    </ConsultationFrame>
  );
}

/** A page of the survey that only says something (not open yet, sign in, refused, already answered, recorded). */
export function SurveyMessageView(props: { facts: ConsultationFacts; heading?: string; children: ComponentChildren }) {
  const t = useT();
  return (
    <ConsultationFrame facts={props.facts} active="survey" heading={props.heading ?? t(S.heading)}>
      {props.children}
      <p class="govuk-body">
        <a class="govuk-link" href={`/consultations/${props.facts.c.id}`}>
          {t(S.backToConsultation)}
        </a>
      </p>
    </ConsultationFrame>
  );
}

/** Before the consultation opens: when the survey opens and its questions. */
export function SurveyPreview(props: { facts: ConsultationFacts; survey: Survey }) {
  const t = useT();
  const ctx = usePage();
  const opens = props.facts.c.opensAt;
  return (
    <>
      <InsetText>{opens ? t(S.notOpenYet, { date: formatDateTime(ctx.locale, opens) }) : t(S.notOpenYetNoDate)}</InsetText>
      <ol class="govuk-list govuk-list--number">
        {props.survey.questions.map((q) => (
          <li>
            {q.prompt} {t(q.required ? S.required : S.optional)}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The code mailed to an anonymous participant: one field, the response it confirms carried along. */
export function SurveyConfirmView(props: { facts: ConsultationFacts; responseId: string; form: FormState }) {
  const t = useT();
  return (
    <ConsultationFrame facts={props.facts} active="survey" heading={t(S.confirmHeading)} errors={props.form.errors}>
      <ErrorSummary errors={props.form.errors} />
      <p class="govuk-body">{t(S.confirmText)}</p>
      <Form action={`${surveyPath(props.facts)}/confirm`}>
        <input type="hidden" name="response" value={props.responseId} />
        <TextInput
          name="code"
          label={S.codeLabel}
          hint={S.codeHint}
          form={props.form}
          inputmode="numeric"
          autocomplete="one-time-code"
          spellcheck={false}
          width="5"
        />
        <Button>{t(S.confirm)}</Button>
      </Form>
      <p class="govuk-body">{t(S.noCodeHelp)}</p>
    </ConsultationFrame>
  );
}

/** "Your answers have been recorded." */
export function SurveyRecordedView(props: { facts: ConsultationFacts }) {
  const t = useT();
  return (
    <ConsultationFrame facts={props.facts} active="survey" heading={t(S.heading)}>
      <Panel title={t(S.recordedHeading)} />
      <p class="govuk-body">{t(S.recordedText)}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={`/consultations/${props.facts.c.id}`}>
          {t(S.backToConsultation)}
        </a>
      </p>
    </ConsultationFrame>
  );
}

const pct = (locale: 'pl' | 'en', part: number, whole: number) =>
  whole ? new Intl.NumberFormat(locale === 'pl' ? 'pl-PL' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(part / whole) : '—';

/** One question's results: a table (everything) and a chart of the same figures (an enhancement). */
function QuestionResults(props: { r: QuestionResult; level: 'h2' | 'h3' | 'h4'; idPrefix: string }) {
  const t = useT();
  const { locale } = usePage();
  const r = props.r;
  const H = props.level;
  const rows =
    r.kind === 'scale'
      ? (r.values ?? []).map((v) => ({ label: String(v.value), count: v.count }))
      : (r.options ?? []).map((o) => ({ label: o.option, count: o.count }));
  return (
    <section class="civitas-survey-result" aria-labelledby={`${props.idPrefix}-q${r.position}`}>
      <H class="govuk-heading-s" id={`${props.idPrefix}-q${r.position}`}>
        {t(S.questionLegend, { n: r.position, prompt: r.prompt })}
      </H>
      <p class="govuk-body">{t(S.answeredBy, { n: formatNumber(locale, r.answered) })}</p>
      {r.kind === 'text' ? (
        (r.texts ?? []).length ? (
          <>
            <p class="govuk-body govuk-!-font-weight-bold">{t(S.textAnswers)}</p>
            <ul class="govuk-list govuk-list--bullet">
              {(r.texts ?? []).map((x) => (
                <li class="govuk-!-text-break-word">{x}</li>
              ))}
            </ul>
          </>
        ) : (
          <p class="govuk-body">{t(S.noTextAnswers)}</p>
        )
      ) : (
        <>
          {r.kind === 'scale' ? (
            <p class="govuk-body">{r.mean === null || r.mean === undefined ? t(S.noMean) : t(S.mean, { mean: formatNumber(locale, r.mean) })}</p>
          ) : null}
          <table class="govuk-table civitas-figures">
            <caption class="govuk-visually-hidden">{t(S.questionLegend, { n: r.position, prompt: r.prompt })}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {t(r.kind === 'scale' ? S.value : S.option)}
                </th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {t(S.count)}
                </th>
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  {t(S.share)}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((x) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header">
                    {x.label}
                  </th>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{formatNumber(locale, x.count)}</td>
                  <td class="govuk-table__cell govuk-table__cell--numeric">{pct(locale, x.count, r.answered)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ChartFigure caption={t(S.chartCaption)} bars={rows.map((x) => ({ label: x.label, value: x.count, shown: formatNumber(locale, x.count) }))} />
        </>
      )}
    </section>
  );
}

/** The survey's results, question by question (also in the report). */
export function SurveyResultsSection(props: { results: SurveyResults; level?: 'h2' | 'h3' | 'h4'; idPrefix?: string }) {
  const t = useT();
  const { locale } = usePage();
  if (!props.results.respondents) return <p class="govuk-body">{t(S.noResponses)}</p>;
  return (
    <>
      <p class="govuk-body">{t(S.respondents, { n: formatNumber(locale, props.results.respondents) })}</p>
      {props.results.questions.map((r) => (
        <QuestionResults r={r} level={props.level ?? 'h3'} idPrefix={props.idPrefix ?? 'result'} />
      ))}
    </>
  );
}

/** Once the consultation is closed: the results. */
export function SurveyResultsView(props: { facts: ConsultationFacts; results: SurveyResults }) {
  const t = useT();
  return (
    <ConsultationFrame facts={props.facts} active="survey" heading={t(S.resultsHeading)}>
      <SurveyResultsSection results={props.results} level="h2" />
    </ConsultationFrame>
  );
}
