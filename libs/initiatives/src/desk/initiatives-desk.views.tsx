import type { ComponentChildren } from 'preact';
import { format, type Text } from '@civitas/common';
import {
  Button,
  Choices,
  D,
  DateText,
  DeskLayout,
  emptyForm,
  Form,
  formatDate,
  formatMoney,
  QueueCount,
  QueueFilters,
  QueuePagination,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  usePage,
  useT,
  type Choice,
  type Crumb,
  type FieldLabels,
  type FormErrors,
  type FormState,
  type QueuePage,
} from '@civitas/web';
import type { FinalReport } from '../agreement.service';
import type { FullInitiative, InitiativeHistoryEntry, InitiativeQueueKind, InitiativeQueueRow } from '../applications.service';
import type { Programme } from '../programmes.service';
import type { ScoresView } from '../review.service';
import { ApplicationDetails, Paragraphs, ReportTotals, scoreText, StatusTag } from '../web/initiatives-page.view';
import { ATTACHMENT_KIND, STATUS_NAMES } from '../web/initiatives-pages.texts';
import { ACTIONS, ID, KIND_NAMES } from './initiatives-desk.texts';

export const QUEUE_PATH = '/desk/initiatives/applications';
export const applicationPath = (id: string) => `${QUEUE_PATH}/${id}`;
export const QUEUE_FIELDS: FieldLabels = { status: ID.filterStatus, year: ID.filterYear, area: ID.filterArea, page: ID.filterPage };
export const CORRECTION_FIELDS: FieldLabels = { note: ID.note };
export const FAIL_FIELDS: FieldLabels = { reason: ID.failReason };
export const DECISION_FIELDS: FieldLabels = { approve: ID.approve, purposefulness: ID.purposefulness, reason: ID.reason };
export const AGREEMENT_FIELDS: FieldLabels = { termFrom: ID.termFrom, termTo: ID.termTo, number: ID.number };
export const SIGN_FIELDS: FieldLabels = { signedOn: ID.signedOn };
export const TERMINATE_FIELDS: FieldLabels = { reason: ID.terminateReason };

const textOf = (template: Text, params: Record<string, string | number>): Text => ({ pl: format(template.pl, params), en: format(template.en, params) });

/** The scores form's labels: one per criterion of the programme, and the remarks. */
export function scoreLabels(p: Pick<Programme, 'criteria'>): FieldLabels {
  const labels: FieldLabels = { remarks: ID.remarks, scores: ID.scoreHeading };
  for (const c of p.criteria) labels[`scores.${c.key}`] = { pl: c.namePl, en: c.nameEn };
  return labels;
}

export function initiativesDeskCrumbs(...more: Crumb[]): Crumb[] {
  return [{ href: '/desk/initiatives', text: D.initiatives }, ...more];
}

/** The queue: filters, the count, the table (nearest deadline first), the page links. */
export function QueueView(props: {
  q: QueuePage<InitiativeQueueRow>;
  form: FormState;
  years: Choice[];
  areas: Choice[];
  href: (page: number) => string;
  now: Date;
}) {
  const t = useT();
  const { locale } = usePage();
  const { q, form } = props;
  const any: Choice = { value: '', label: ID.any };
  const kinds = Object.keys(KIND_NAMES) as InitiativeQueueKind[];
  return (
    <DeskLayout title={t(ID.queueTitle)} area="initiatives" breadcrumbs={initiativesDeskCrumbs()} errors={form.errors.any ? form.errors : undefined}>
      <p class="govuk-body">{t(ID.queueLead)}</p>
      <QueueFilters action={QUEUE_PATH}>
        <Select name="status" label={ID.filterStatus} form={form} choices={[any, ...kinds.map((k) => ({ value: k, label: KIND_NAMES[k] }))]} />
        <Select name="year" label={ID.filterYear} form={form} choices={[any, ...props.years]} />
        <Select name="area" label={ID.filterArea} form={form} choices={[any, ...props.areas]} />
      </QueueFilters>
      {form.errors.any ? null : (
        <>
          <QueueCount q={q} />
          {q.rows.length ? (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-visually-hidden">{t(ID.queueCaption)}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    {t(ID.colApplication)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(ID.colWaits)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(ID.colPlace)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(ID.colDeadline)}
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {q.rows.map((r) => (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                      <a class="govuk-link" href={applicationPath(r.id)}>
                        {r.title}
                      </a>
                      <br />
                      <span class="govuk-body-s">{r.caseNumber ?? t(ID.noCaseNumber)}</span>
                    </th>
                    <td class="govuk-table__cell">
                      {t(KIND_NAMES[r.kind])}
                      <br />
                      <StatusTag status={r.status} />
                    </td>
                    <td class="govuk-table__cell">
                      {r.year} · {r.areaName ?? t(ID.wholeCity)}
                      <br />
                      {formatMoney(locale, r.cityShareTotal)}
                    </td>
                    <td class="govuk-table__cell">
                      {r.deadline ? (
                        <>
                          <DateText value={r.deadline} />
                          {r.deadline < props.now ? (
                            <>
                              {' '}
                              <Tag colour="red">{t(D.overdue)}</Tag>
                            </>
                          ) : null}
                        </>
                      ) : (
                        t(ID.noDeadline)
                      )}
                      {r.since ? (
                        <>
                          <br />
                          <span class="govuk-body-s">{t(ID.waitingSince, { date: formatDate(locale, r.since) })}</span>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <QueuePagination q={q} href={props.href} />
        </>
      )}
    </DeskLayout>
  );
}

/** The application as its officials read it: status, applicants and contact, the task and money, attachments, history. */
function ApplicationPanel(props: { a: FullInitiative; areaName: string | null; hourValue: number; history: InitiativeHistoryEntry[] }) {
  const t = useT();
  const { a } = props;
  return (
    <section aria-labelledby="application-heading">
      <h2 class="govuk-heading-m" id="application-heading">
        {t(ID.applicationHeading)}
      </h2>
      <SummaryList
        rows={[
          { key: ID.status, value: <StatusTag status={a.status} /> },
          { key: ID.caseNumber, value: a.caseNumber ?? t(ID.noCaseNumber) },
          { key: ID.area, value: props.areaName ?? t(ID.wholeCity) },
          {
            key: ID.applicants,
            value: (
              <>
                {a.applicantType === 'ngo' && a.ngoName ? (
                  <p class="govuk-body">
                    {a.ngoName}
                    {a.ngoKrs ? ` (KRS ${a.ngoKrs})` : ''}
                  </p>
                ) : null}
                <ul class="govuk-list">
                  {a.applicants.map((p) => (
                    <li>
                      {p.firstName} {p.lastName}
                    </li>
                  ))}
                </ul>
              </>
            ),
          },
          { key: ID.contact, value: [a.contactName, a.contactEmail, a.contactPhone].filter(Boolean).join(', ') },
          ...(a.submittedAt ? [{ key: ID.submittedOn, value: <DateText value={a.submittedAt} /> }] : []),
        ]}
      />
      <ApplicationDetails a={a} hourValue={props.hourValue} headingLevel={3} />
      <h3 class="govuk-heading-m">{t(ID.attachments)}</h3>
      {a.attachments.length ? (
        <ul class="govuk-list">
          {a.attachments.map((f) => (
            <li>
              <a class="govuk-link" href={`/api/v1/initiatives/${a.id}/attachments/${f.id}`}>
                {f.fileName}
              </a>{' '}
              ({t(ATTACHMENT_KIND[f.kind])})
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(ID.none)}</p>
      )}
      {a.correctionNote ? (
        <>
          <h3 class="govuk-heading-m">{t(ID.correctionNote)}</h3>
          <div class="govuk-inset-text">
            <Paragraphs text={a.correctionNote} />
          </div>
        </>
      ) : null}
      {a.terminatedReason ? (
        <>
          <h3 class="govuk-heading-m">{t(ID.terminatedReason)}</h3>
          <Paragraphs text={a.terminatedReason} />
        </>
      ) : null}
      <h3 class="govuk-heading-m">{t(ID.history)}</h3>
      <ol class="govuk-list govuk-list--number">
        {props.history.map((h) => (
          <li>
            <DateText value={h.at} withTime /> — {ACTIONS[h.action] ? t(ACTIONS[h.action]) : h.action}
            {h.actorName ? ` (${h.actorName})` : ''}
          </li>
        ))}
      </ol>
      <p class="govuk-body">
        <a class="govuk-link" href={`/initiatives/${a.id}`}>
          {t(ID.publicPage)}
        </a>
      </p>
    </section>
  );
}

/** The evaluations as a table (only one's own while it is scored; everyone's after the decision or for it). */
function EvaluationsTable(props: { scores: ScoresView; caption: Text }) {
  const t = useT();
  const { locale } = usePage();
  const s = props.scores;
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--s">{t(props.caption)}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t(ID.evaluator)}
          </th>
          {s.criteria.map((c) => (
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {locale === 'en' ? c.nameEn : c.namePl}
            </th>
          ))}
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {t(ID.result)}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {s.evaluations.map((e) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {e.evaluatorName}
              {e.remarks ? (
                <>
                  <br />
                  <span class="govuk-body-s">{e.remarks}</span>
                </>
              ) : null}
            </th>
            {s.criteria.map((c) => (
              <td class="govuk-table__cell govuk-table__cell--numeric">{t(ID.points, { points: e.scores[c.key] ?? 0, max: c.maxPoints })}</td>
            ))}
            <td class="govuk-table__cell govuk-table__cell--numeric">{scoreText(locale, e.result)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ActModel {
  a: FullInitiative;
  programme: Programme;
  /** The scores as this official may see them now (null: none of theirs yet, or hidden). */
  scores: ScoresView | null;
  /** They opened the decision view (they no longer score it). */
  disclosed: boolean;
  /** The form that was sent (re-rendered with its problems), by name. */
  sent?: { name: string; form: FormState };
  now: Date;
}

function ScoreForm(props: { m: ActModel; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const { a, programme } = props.m;
  return (
    <Form action={`${applicationPath(a.id)}/scores`} id="scores-form">
      {programme.criteria.map((c) => (
        <TextInput
          name={`scores.${c.key}`}
          label={textOf(ID.criterionPoints, { name: locale === 'en' ? c.nameEn : c.namePl, max: c.maxPoints, weight: c.weight })}
          form={props.form}
          inputmode="numeric"
          width="3"
        />
      ))}
      <Textarea name="remarks" label={ID.remarks} form={props.form} rows={3} />
      <Button>{t(ID.submitScores)}</Button>
    </Form>
  );
}

/** The act the application waits for, by its status. */
function Act(props: { m: ActModel }) {
  const t = useT();
  const { locale } = usePage();
  const { a, programme, scores } = props.m;
  const form = (name: string) => (props.m.sent?.name === name ? props.m.sent.form : emptyForm());
  const base = applicationPath(a.id);
  switch (a.status) {
    case 'submitted':
      return (
        <>
          <p class="govuk-body">{t(ID.registerLead)}</p>
          <Form action={`${base}/register`} id="register-form">
            <Button>{t(ID.register)}</Button>
          </Form>
        </>
      );
    case 'registered':
      return (
        <>
          <p class="govuk-body">{t(ID.startCheckLead)}</p>
          <Form action={`${base}/formal-check`} id="check-form">
            <Button>{t(ID.startCheck)}</Button>
          </Form>
        </>
      );
    case 'formal_check':
      return (
        <>
          <h3 class="govuk-heading-s">{t(ID.passHeading)}</h3>
          <Form action={`${base}/formal-check/pass`} id="pass-form">
            <Button>{t(ID.passCheck)}</Button>
          </Form>
          <h3 class="govuk-heading-s">{t(ID.correctionHeading)}</h3>
          <Form action={`${base}/request-correction`} id="correction-form">
            <Textarea name="note" label={ID.note} hint={textOf(ID.correctionHint, { days: programme.correctionDays })} form={form('correction')} rows={4} />
            <Button variant="secondary">{t(ID.requestCorrection)}</Button>
          </Form>
          <h3 class="govuk-heading-s">{t(ID.failHeading)}</h3>
          <Form action={`${base}/formal-check/fail`} id="fail-form">
            <Textarea name="reason" label={ID.failReason} form={form('fail')} rows={4} />
            <Button variant="warning">{t(ID.fail)}</Button>
          </Form>
        </>
      );
    case 'correction_requested':
      return <p class="govuk-body">{t(ID.correctionWaiting, { date: a.correctionDeadline ? formatDate(locale, a.correctionDeadline) : '' })}</p>;
    case 'evaluation':
      return (
        <>
          <h3 class="govuk-heading-s">{t(ID.scoreHeading)}</h3>
          <p class="govuk-body">{t(ID.scoreLead, { n: scores?.submitted ?? 0 })}</p>
          {scores && scores.evaluations.length ? (
            <EvaluationsTable scores={scores} caption={textOf(ID.myEvaluation, { date: formatDate(locale, scores.evaluations[0].submittedAt) })} />
          ) : props.m.disclosed ? (
            <p class="govuk-body">{t(ID.disclosedNoScore)}</p>
          ) : (
            <ScoreForm m={props.m} form={form('scores')} />
          )}
          <h3 class="govuk-heading-s">{t(ID.decisionHeading)}</h3>
          <p class="govuk-body">{t(ID.decisionLead)}</p>
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/decision`}>
              {t(ID.openDecision)}
            </a>
          </p>
        </>
      );
    case 'approved':
    case 'agreement_drafted':
      return (
        <>
          {a.status === 'agreement_drafted' ? (
            <>
              <SummaryList
                rows={[
                  { key: ID.agreementNumber, value: a.agreement.number ?? '' },
                  { key: ID.term, value: `${a.agreement.termFrom ?? ''} – ${a.agreement.termTo ?? ''}` },
                ]}
              />
              <p class="govuk-body">
                <a class="govuk-link" href={`/api/v1/admin/initiatives/${a.id}/agreement`}>
                  {t(ID.agreementDocument)}
                </a>
              </p>
              <Form action={`${base}/agreement/sign`} id="sign-form">
                <TextInput name="signedOn" label={ID.signedOn} form={form('sign')} width="10" />
                <Button>{t(ID.sign)}</Button>
              </Form>
            </>
          ) : null}
          <Form action={`${base}/agreement`} id="agreement-form">
            <TextInput name="termFrom" label={ID.termFrom} form={form('agreement')} width="10" />
            <TextInput name="termTo" label={ID.termTo} form={form('agreement')} width="10" />
            <TextInput name="number" label={ID.number} form={form('agreement')} width="20" />
            <Button variant={a.status === 'agreement_drafted' ? 'secondary' : undefined}>
              {t(a.status === 'agreement_drafted' ? ID.redraftAgreement : ID.draftAgreement)}
            </Button>
          </Form>
        </>
      );
    case 'agreement_signed':
    case 'in_progress': {
      const report = a.finalReport as unknown as FinalReport | null;
      return (
        <>
          <SummaryList
            rows={[
              { key: ID.agreementNumber, value: a.agreement.number ?? '' },
              { key: ID.term, value: `${a.agreement.termFrom ?? ''} – ${a.agreement.termTo ?? ''}` },
              ...(a.agreement.signedAt ? [{ key: ID.signedAt, value: <DateText value={a.agreement.signedAt} /> }] : []),
            ]}
          />
          {a.status === 'agreement_signed' ? (
            <>
              <p class="govuk-body">{t(ID.startLead)}</p>
              <Form action={`${base}/start`} id="start-form">
                <Button>{t(ID.startTask)}</Button>
              </Form>
            </>
          ) : report ? (
            <>
              <h3 class="govuk-heading-s">{t(ID.reportHeading)}</h3>
              <Paragraphs text={report.summary} />
              <ReportTotals report={a.finalReport} />
              <Form action={`${base}/complete`} id="complete-form">
                <Button>{t(ID.complete)}</Button>
              </Form>
            </>
          ) : (
            <p class="govuk-body">{t(ID.inProgressNoReport)}</p>
          )}
          <h3 class="govuk-heading-s">{t(ID.terminateHeading)}</h3>
          <Form action={`${base}/terminate`} id="terminate-form">
            <Textarea name="reason" label={ID.terminateReason} form={form('terminate')} rows={3} />
            <Button variant="warning">{t(ID.terminate)}</Button>
          </Form>
        </>
      );
    }
    default:
      return (
        <>
          <p class="govuk-body">
            {t(ID.nothingWaits)} ({t(STATUS_NAMES[a.status])})
          </p>
        </>
      );
  }
}

/** Once decided: everyone's evaluations and the application's score. */
function Scores(props: { scores: ScoresView }) {
  const t = useT();
  const { locale } = usePage();
  return (
    <section aria-labelledby="scores-heading">
      <h2 class="govuk-heading-m" id="scores-heading">
        {t(ID.evaluations)}
      </h2>
      <EvaluationsTable scores={props.scores} caption={ID.evaluations} />
      {props.scores.score !== null ? (
        <SummaryList rows={[{ key: ID.meanScore, value: t(ID.scoreValue, { score: scoreText(locale, props.scores.score) }) }]} />
      ) : null}
    </section>
  );
}

/** One application's desk page: the application beside the act it waits for. */
export function ApplicationDeskView(props: { m: ActModel; areaName: string | null; history: InitiativeHistoryEntry[]; errors?: FormErrors }) {
  const t = useT();
  const { a } = props.m;
  return (
    <DeskLayout
      title={t(ID.pageTitle)}
      caption={`${a.caseNumber ? `${a.caseNumber} · ` : ''}${a.title}`}
      area="initiatives"
      breadcrumbs={initiativesDeskCrumbs({ href: QUEUE_PATH, text: ID.queueTitle })}
      errors={props.errors}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <ApplicationPanel a={a} areaName={props.areaName} hourValue={props.m.programme.volunteerHourValue} history={props.history} />
        </div>
        <div class="govuk-grid-column-one-half">
          <section aria-labelledby="act-heading">
            <h2 class="govuk-heading-m" id="act-heading">
              {t(ID.actHeading)}
            </h2>
            <Act m={props.m} />
          </section>
          {props.m.a.decision && props.m.scores?.evaluations.length ? <Scores scores={props.m.scores} /> : null}
        </div>
      </div>
    </DeskLayout>
  );
}

/** The decision view: every evaluation and the mean (opening it is recorded), the allocation and what is left, the form. */
export function DecisionView(props: {
  a: FullInitiative;
  scores: ScoresView;
  programme: Programme;
  form: FormState;
  errors?: FormErrors;
  extra?: ComponentChildren;
}) {
  const t = useT();
  const { locale } = usePage();
  const { a, scores, programme } = props;
  const money = (g: number) => formatMoney(locale, g);
  const fits = a.cityShareTotal <= programme.remaining;
  return (
    <DeskLayout
      title={t(ID.decisionTitle)}
      caption={`${a.caseNumber ? `${a.caseNumber} · ` : ''}${a.title}`}
      area="initiatives"
      breadcrumbs={initiativesDeskCrumbs({ href: QUEUE_PATH, text: ID.queueTitle }, { href: applicationPath(a.id), text: a.title })}
      errors={props.errors}
    >
      {scores.evaluations.length ? <EvaluationsTable scores={scores} caption={ID.evaluations} /> : <p class="govuk-body">{t(ID.noScoresYet)}</p>}
      <SummaryList
        rows={[
          ...(scores.score !== null ? [{ key: ID.meanScore, value: t(ID.scoreValue, { score: scoreText(locale, scores.score) }) }] : []),
          { key: textOf(ID.allocation, { year: programme.year }), value: money(programme.allocation) },
          { key: ID.remaining, value: <strong>{money(programme.remaining)}</strong> },
          { key: ID.asked, value: money(a.cityShareTotal) },
        ]}
      />
      {fits ? null : (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">{t(ID.exceeds)}</strong>
        </div>
      )}
      {a.status === 'evaluation' ? (
        <Form action={`${applicationPath(a.id)}/decision`} id="decision-form">
          <Choices
            type="radio"
            name="approve"
            legend={ID.approve}
            legendSize="s"
            form={props.form}
            choices={[
              { value: 'true', label: ID.approveYes },
              { value: 'false', label: ID.approveNo },
            ]}
          />
          <Textarea name="purposefulness" label={ID.purposefulness} form={props.form} rows={3} />
          <Textarea name="reason" label={ID.reason} form={props.form} rows={4} />
          <Button>{t(ID.decide)}</Button>
        </Form>
      ) : (
        <p class="govuk-body">
          {t(ID.nothingWaits)} ({t(STATUS_NAMES[a.status])})
        </p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={applicationPath(a.id)}>
          {t(ID.backToApplication)}
        </a>
      </p>
    </DeskLayout>
  );
}
