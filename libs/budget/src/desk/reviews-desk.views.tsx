import type { ComponentChildren } from 'preact';
import { format, type Text } from '@civitas/common';
import {
  Button,
  Choices,
  DateText,
  DeskLayout,
  Form,
  Money,
  Paragraphs,
  QueueCount,
  QueueFilters,
  QueuePagination,
  Select,
  SummaryList,
  Tag,
  Textarea,
  D,
  formatDate,
  useT,
  usePage,
  type Choice,
  type Crumb,
  type FieldLabels,
  type FormErrors,
  type FormState,
  type QueuePage,
} from '@civitas/web';
import type { Criterion } from '../edition-rules';
import type { Edition } from '../editions.service';
import type { ProjectView } from '../projects.service';
import type { ReviewQueueKind, ReviewQueueRow } from '../reviews.service';
import { CRITERIA_NAMES, STATUS_NAMES } from '../web/budget-pages.texts';
import { History, type ProjectPageModel } from '../web/budget-project.view';
import { StatusTag } from '../web/budget-projects.view';
import { BD } from './budget-desk.texts';

export const REVIEWS_PATH = '/desk/budget/reviews';
export const QUEUE_FIELDS: FieldLabels = { edition: BD.filterEdition, pool: BD.filterPool, area: BD.filterArea, status: BD.filterStatus, page: BD.filterPage };

export const KIND_NAMES: Record<ReviewQueueKind, Text> = { review: BD.kindReview, correction: BD.kindCorrection, appeal: BD.kindAppeal };

export function budgetDeskCrumbs(...more: Crumb[]): Crumb[] {
  return [{ href: '/desk/budget', text: D.budget }, ...more];
}

/** The review queue: filters, the count, the table (nearest deadline first), the page links. */
export function ReviewQueueView(props: {
  q: QueuePage<ReviewQueueRow>;
  form: FormState;
  editions: Choice[];
  pools: Choice[];
  areas: Choice[];
  href: (page: number) => string;
  now: Date;
}) {
  const t = useT();
  const { q, form } = props;
  const any: Choice = { value: '', label: BD.any };
  return (
    <DeskLayout title={t(BD.reviewsTitle)} area="budget" breadcrumbs={budgetDeskCrumbs()} errors={form.errors.any ? form.errors : undefined}>
      <p class="govuk-body">{t(BD.reviewsLead)}</p>
      <QueueFilters action={REVIEWS_PATH}>
        <Select
          name="status"
          label={BD.filterStatus}
          form={form}
          choices={[any, ...(['review', 'correction', 'appeal'] as const).map((k) => ({ value: k, label: KIND_NAMES[k] }))]}
        />
        <Select name="edition" label={BD.filterEdition} form={form} choices={[any, ...props.editions]} />
        <Select name="pool" label={BD.filterPool} form={form} choices={[any, ...props.pools]} />
        <Select name="area" label={BD.filterArea} form={form} choices={[any, ...props.areas]} />
      </QueueFilters>
      {form.errors.any ? null : (
        <>
          <QueueCount q={q} />
          {q.rows.length ? (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-visually-hidden">{t(BD.queueCaption)}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    {t(BD.colProject)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(BD.colWaits)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(BD.colPlace)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(BD.colDeadline)}
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {q.rows.map((r) => (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                      <a class="govuk-link" href={`/desk/budget/projects/${r.id}/review`}>
                        {r.number !== null ? `${r.number}. ` : ''}
                        {r.title}
                      </a>
                    </th>
                    <td class="govuk-table__cell">
                      {t(KIND_NAMES[r.kind])}
                      <br />
                      <StatusTag status={r.status} />
                    </td>
                    <td class="govuk-table__cell">
                      {r.editionName}
                      <br />
                      {r.poolName} · {r.areaName ?? t(BD.wholeCity)}
                    </td>
                    <td class="govuk-table__cell">
                      {r.deadline ? (
                        <>
                          <DateText value={r.deadline} withTime />
                          {r.deadline < props.now ? (
                            <>
                              {' '}
                              <Tag colour="red">{t(D.overdue)}</Tag>
                            </>
                          ) : null}
                        </>
                      ) : (
                        t(BD.noDeadline)
                      )}
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

/** The decision a project waits for now, from its status (and the correction deadline). */
export type PendingDecision = { kind: 'formal' | 'merit' } | { kind: 'appeal' } | { kind: 'correction_running'; until: Date } | { kind: 'none' };

export function pendingDecision(p: Pick<ProjectView, 'status' | 'correctionDeadline'>, now: Date): PendingDecision {
  switch (p.status) {
    case 'submitted':
    case 'formal_review':
      return { kind: 'formal' };
    case 'merit_review':
      return { kind: 'merit' };
    case 'appealed':
      return { kind: 'appeal' };
    case 'correction_requested':
      return p.correctionDeadline && new Date(p.correctionDeadline) >= now
        ? { kind: 'correction_running', until: new Date(p.correctionDeadline) }
        : { kind: 'formal' };
    default:
      return { kind: 'none' };
  }
}

const textOf = (template: Text, params: Record<string, string | number>): Text => ({ pl: format(template.pl, params), en: format(template.en, params) });

/** The review form's field labels (each criterion named), for the messages that name a field. */
export function reviewLabels(criteria: readonly Criterion[]): FieldLabels {
  const labels: FieldLabels = { stage: BD.decisionHeading };
  criteria.forEach((c, i) => {
    const name = CRITERIA_NAMES[c];
    labels[`criteria.${i}.met`] = { pl: format(BD.criterionMetLabel.pl, { name: name.pl }), en: format(BD.criterionMetLabel.en, { name: name.en }) };
    labels[`criteria.${i}.justification`] = {
      pl: format(BD.criterionJustification.pl, { name: name.pl }),
      en: format(BD.criterionJustification.en, { name: name.en }),
    };
    labels[`criteria.${i}.criterion`] = labels[`criteria.${i}.met`];
  });
  labels.criteria = BD.decisionHeading;
  labels.outcome = BD.outcome;
  labels.justification = BD.justification;
  return labels;
}

export const APPEAL_DECISION_FIELDS: FieldLabels = { upheld: BD.upheld, justification: BD.appealReason };

function ProjectPanel(props: { model: ProjectPageModel; areaName: string | null }) {
  const { locale } = usePage();
  const t = useT();
  const { project: p, edition: e } = props.model;
  const pool = e.pools.find((x) => x.id === p.poolId);
  const category = p.categoryId ? e.categories.find((c) => c.id === p.categoryId) : undefined;
  const text = (heading: Text, value: string) => (
    <>
      <h3 class="govuk-heading-s">{t(heading)}</h3>
      {value.trim() ? <Paragraphs text={value} /> : <p class="govuk-body">{t(BD.notGiven)}</p>}
    </>
  );
  return (
    <section aria-labelledby="project-heading">
      <h2 class="govuk-heading-m" id="project-heading">
        {t(BD.projectHeading)}
      </h2>
      <p class="govuk-body">
        <StatusTag status={p.status} />
      </p>
      <SummaryList
        rows={[
          { key: BD.pool, value: pool?.name ?? '' },
          { key: BD.area, value: props.areaName ?? t(BD.wholeCity) },
          { key: BD.category, value: category ? (locale === 'en' ? category.nameEn : category.namePl) : t(BD.notGiven) },
          { key: BD.address, value: p.address || t(BD.notGiven) },
          { key: BD.coordinates, value: p.latitude !== null && p.longitude !== null ? `${p.latitude}, ${p.longitude}` : t(BD.notGiven) },
          { key: BD.authors, value: p.authors.map((a) => a.displayName).join(', ') },
          {
            key: BD.support,
            value: t(BD.supportLine, { online: p.support.online, paper: p.support.paper, total: p.support.total, required: p.support.required }),
          },
        ]}
      />
      {text(BD.summary, p.summary)}
      {text(BD.description, p.description)}
      {text(BD.projectJustification, p.justification)}
      {text(BD.beneficiaries, p.beneficiaries)}
      <h3 class="govuk-heading-s">{t(BD.costs)}</h3>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">{t(BD.costs)}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t(BD.costItem)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(BD.amount)}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {p.costItems.map((c) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">{c.description}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                <Money grosze={c.amount} />
              </td>
            </tr>
          ))}
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {t(BD.total)}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">
              <strong>
                <Money grosze={p.totalCost} />
              </strong>
            </td>
          </tr>
        </tbody>
      </table>
      <h3 class="govuk-heading-s">{t(BD.attachments)}</h3>
      {p.attachments.length ? (
        <ul class="govuk-list">
          {p.attachments.map((a) => (
            <li>
              <a class="govuk-link" href={`/api/v1/projects/${p.id}/attachments/${a.id}`}>
                {a.fileName}
              </a>{' '}
              ({t(a.kind === 'support_list' ? BD.supportList : BD.document)})
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(BD.none)}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/projects/${p.id}`}>
          {t(BD.publicPage)}
        </a>
      </p>
      <History model={props.model} />
    </section>
  );
}

function ReviewForm(props: { project: ProjectView; edition: Edition; stage: 'formal' | 'merit'; form: FormState }) {
  const t = useT();
  const { project: p, edition: e, form } = props;
  const rules = e.rules;
  const outcomes: Choice[] = [
    { value: 'positive', label: props.stage === 'formal' ? BD.outcomePositiveFormal : BD.outcomePositiveMerit },
    ...(props.stage === 'formal'
      ? [{ value: 'correction', label: BD.outcomeCorrection, hint: textOf(BD.outcomeCorrectionHint, { n: rules.correctionDays }) }]
      : []),
    { value: 'negative', label: BD.outcomeNegative, hint: textOf(BD.outcomeNegativeHint, { n: rules.appealDays }) },
  ];
  return (
    <Form action={`/desk/budget/projects/${p.id}/review`}>
      <input type="hidden" name="stage" value={props.stage} />
      {rules.criteria.map((c, i) => (
        <div class="civitas-desk-criterion">
          <input type="hidden" name={`criteria.${i}.criterion`} value={c} />
          <Choices
            type="radio"
            inline
            small
            name={`criteria.${i}.met`}
            legend={textOf(BD.criterionLegend, { name: t(CRITERIA_NAMES[c]) })}
            legendSize="s"
            form={form}
            choices={[
              { value: 'true', label: BD.met },
              { value: 'false', label: BD.notMet },
            ]}
          />
          <Textarea name={`criteria.${i}.justification`} label={textOf(BD.criterionJustification, { name: t(CRITERIA_NAMES[c]) })} form={form} rows={3} />
        </div>
      ))}
      <Choices type="radio" name="outcome" legend={BD.outcome} legendSize="s" form={form} choices={outcomes} />
      <Textarea name="justification" label={BD.justification} form={form} rows={4} />
      <Button>{t(BD.record)}</Button>
    </Form>
  );
}

function AppealForm(props: { project: ProjectView; form: FormState }) {
  const t = useT();
  const appeal = [...props.project.history].reverse().find((h) => h.action === 'appealed');
  return (
    <>
      {appeal?.reason ? (
        <>
          <h3 class="govuk-heading-s">{t(BD.appealJustification)}</h3>
          <div class="govuk-inset-text">
            <Paragraphs text={appeal.reason} />
          </div>
        </>
      ) : null}
      <Form action={`/desk/budget/projects/${props.project.id}/appeal-decision`}>
        <Choices
          type="radio"
          name="upheld"
          legend={BD.upheld}
          legendSize="s"
          form={props.form}
          choices={[
            { value: 'true', label: BD.uphold },
            { value: 'false', label: BD.dismiss },
          ]}
        />
        <Textarea name="justification" label={BD.appealReason} form={props.form} rows={4} />
        <Button>{t(BD.decide)}</Button>
      </Form>
    </>
  );
}

/** A project's review page: the project (texts, costs, place, attachments, history) beside the decision it waits for. */
export function ReviewPageView(props: {
  model: ProjectPageModel;
  areaName: string | null;
  form: FormState;
  errors?: FormErrors;
  now: Date;
  actions?: ComponentChildren;
}) {
  const { locale } = usePage();
  const t = useT();
  const { project: p, edition: e } = props.model;
  const pending = pendingDecision(p, props.now);
  const stageTitle =
    pending.kind === 'formal' ? BD.formalStage : pending.kind === 'merit' ? BD.meritStage : pending.kind === 'appeal' ? BD.appealStage : BD.decisionHeading;
  return (
    <DeskLayout
      title={t(BD.reviewTitle)}
      caption={`${p.number !== null ? `${p.number}. ` : ''}${p.title} · ${e.name}`}
      area="budget"
      breadcrumbs={budgetDeskCrumbs({ href: REVIEWS_PATH, text: BD.reviewsTitle })}
      errors={props.errors}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <ProjectPanel model={props.model} areaName={props.areaName} />
        </div>
        <div class="govuk-grid-column-one-half">
          <section aria-labelledby="decision-heading">
            <h2 class="govuk-heading-m" id="decision-heading">
              {t(stageTitle)}
            </h2>
            {pending.kind === 'formal' || pending.kind === 'merit' ? (
              <ReviewForm project={p} edition={e} stage={pending.kind} form={props.form} />
            ) : pending.kind === 'appeal' ? (
              <AppealForm project={p} form={props.form} />
            ) : pending.kind === 'correction_running' ? (
              <p class="govuk-body">{t(BD.correctionWaiting, { date: formatDate(locale, pending.until) })}</p>
            ) : (
              <p class="govuk-body">
                {t(BD.noDecisionNow)} ({STATUS_NAMES[p.status] ? t(STATUS_NAMES[p.status]) : p.status})
              </p>
            )}
          </section>
          {props.actions ? (
            <section aria-labelledby="actions-heading">
              <h2 class="govuk-heading-m" id="actions-heading">
                {t(BD.otherActions)}
              </h2>
              {props.actions}
            </section>
          ) : null}
        </div>
      </div>
    </DeskLayout>
  );
}
