import { DateText, emptyForm, formatDate, formatMoney, InsetText, Pagination, Select, SummaryList, usePage, useT, type Choice } from '@civitas/web';
import type { PublicInitiative } from '../applications.service';
import { INITIATIVE_STATUSES } from '../initiative-status';
import type { Programme } from '../programmes.service';
import { TASK_AREA_KEYS, TASK_AREAS } from '../task-areas';
import {
  ApplicantsLine,
  ApplicationDetails,
  crumbs,
  DecisionDetails,
  InitiativePage,
  MINE,
  REGISTER,
  ReportTotals,
  scoreText,
  StatusTag,
} from './initiatives-page.view';
import { L, STATUS_NAMES } from './initiatives-pages.texts';

/** Links to the programmes of the years around the one shown. */
function OtherYears(props: { year: number }) {
  const t = useT();
  return (
    <nav aria-labelledby="other-years">
      <h2 class="govuk-heading-s" id="other-years">
        {t(L.otherYears)}
      </h2>
      <ul class="govuk-list">
        {[props.year - 1, props.year + 1].map((y) => (
          <li>
            <a class="govuk-link" href={`/initiatives?year=${y}`}>
              {t(L.yearLink, { year: y })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The year's programme: money, intake, task areas, criteria and weights, minimum applicants, evaluation, documents. */
export function ProgrammeView(props: { programme: Programme; open: boolean; signedIn: boolean }) {
  const t = useT();
  const { locale } = usePage();
  const p = props.programme;
  return (
    <InitiativePage title={t(L.programmeTitle, { year: p.year })} crumbs={crumbs()}>
      <p class="govuk-body-l">{t(L.programmeLead)}</p>
      <InsetText>{t(props.open ? L.intakeOpenNow : L.intakeClosedNow)}</InsetText>
      <p class="govuk-body">
        <a class="govuk-button" href="/initiatives/apply" role="button" draggable={false} data-module="govuk-button">
          {t(L.applyLink)}
        </a>
      </p>
      {props.signedIn ? (
        <p class="govuk-body">
          <a class="govuk-link" href={MINE}>
            {t(L.myApplications)}
          </a>
        </p>
      ) : null}
      <h2 class="govuk-heading-m">{t(L.money)}</h2>
      <SummaryList
        rows={[
          { key: L.allocation, value: formatMoney(locale, p.allocation) },
          { key: L.remaining, value: formatMoney(locale, p.remaining) },
          {
            key: L.intake,
            value:
              p.intake === 'continuous' ? (
                t(L.continuous)
              ) : (
                <>
                  {t(L.windowsList)}
                  <ul class="govuk-list">
                    {p.windows.map((w) => (
                      <li>
                        <DateText value={w.opensOn} /> – <DateText value={w.closesOn} />
                      </li>
                    ))}
                  </ul>
                </>
              ),
          },
          { key: L.minApplicants, value: t(L.minApplicantsValue, { n: p.minApplicants }) },
          { key: L.hourValue, value: formatMoney(locale, p.volunteerHourValue) },
          { key: L.correctionDays, value: t(L.days, { n: p.correctionDays }) },
        ]}
      />
      <h2 class="govuk-heading-m">{t(L.taskAreasHeading)}</h2>
      <p class="govuk-body">{t(L.taskAreasLead)}</p>
      <ul class="govuk-list govuk-list--bullet">
        {TASK_AREA_KEYS.map((k) => (
          <li>{t(TASK_AREAS[k])}</li>
        ))}
      </ul>
      <h2 class="govuk-heading-m">{t(L.criteriaHeading)}</h2>
      <p class="govuk-body">{t(L.criteriaLead, { days: p.correctionDays })}</p>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--s">{t(L.criteriaHeading)}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t(L.criterion)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(L.weight)}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t(L.maxPoints)}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {p.criteria.map((c) => (
            <tr class="govuk-table__row">
              <td class="govuk-table__cell">
                {locale === 'pl' ? c.namePl : c.nameEn}
                {c.volunteerWork ? <> {t(L.volunteerCriterion)}</> : null}
              </td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{String(c.weight)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{String(c.maxPoints)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="govuk-heading-m">{t(L.documentsHeading)}</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>{t(L.docApplication)}</li>
        <li>{t(L.docConsent)}</li>
        <li>{t(L.docAuthorisation)}</li>
        <li>{t(L.docSupport)}</li>
        <li>{t(L.docAgreement)}</li>
        <li>{t(L.docReport)}</li>
      </ul>
      <h2 class="govuk-heading-m">{t(L.registerHeading)}</h2>
      <p class="govuk-body">
        {t(L.registerLead)}{' '}
        <a class="govuk-link" href={`${REGISTER}?year=${p.year}`}>
          {t(L.registerTitle)}
        </a>
      </p>
      <OtherYears year={p.year} />
    </InitiativePage>
  );
}

/** No programme for the year: says so, and where to look. */
export function NoProgrammeView(props: { year: number }) {
  const t = useT();
  return (
    <InitiativePage title={t(L.noProgrammeTitle, { year: props.year })} crumbs={crumbs()}>
      <p class="govuk-body">{t(L.noProgrammeBody, { year: props.year })}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={REGISTER}>
          {t(L.registerTitle)}
        </a>
      </p>
      <OtherYears year={props.year} />
    </InitiativePage>
  );
}

export interface RegisterFilters {
  year: string;
  status: string;
  taskArea: string;
  area: string;
}

/** The public register: filters, the applications (status, task area, amounts, decision), pages of 20. */
export function RegisterView(props: {
  items: PublicInitiative[];
  total: number;
  page: number;
  pages: number;
  filters: RegisterFilters;
  years: number[];
  areas: Array<{ id: string; name: string }>;
  href: (page: number) => string;
}) {
  const t = useT();
  const { locale } = usePage();
  const form = emptyForm({ ...props.filters });
  const any: Choice = { value: '', label: L.any };
  return (
    <InitiativePage title={t(L.registerTitle)} crumbs={crumbs()} wide>
      <p class="govuk-body">{t(L.registerNoPersonal)}</p>
      <form method="get" action={REGISTER} class="civitas-filters">
        <h2 class="govuk-heading-s">{t(L.filters)}</h2>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter">
            <Select name="year" label={L.year} form={form} choices={[any, ...props.years.map((y) => ({ value: String(y), label: String(y) }))]} />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select
              name="status"
              label={L.status}
              form={form}
              choices={[any, ...INITIATIVE_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: STATUS_NAMES[s] }))]}
            />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select
              name="taskArea"
              label={L.taskArea}
              form={form}
              choices={[any, ...TASK_AREA_KEYS.map((k) => ({ value: k, label: t(TASK_AREAS[k]).slice(0, 60) + (t(TASK_AREAS[k]).length > 60 ? '…' : '') }))]}
            />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <Select name="area" label={L.area} form={form} choices={[any, ...props.areas.map((a) => ({ value: a.id, label: a.name }))]} />
          </div>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t(L.filter)}
        </button>
      </form>
      <p class="govuk-body" role="status">
        {t(L.registerCount, { n: props.total })}
      </p>
      {props.items.length === 0 ? (
        <p class="govuk-body">{t(L.registerEmpty)}</p>
      ) : (
        <ul class="govuk-list civitas-register">
          {props.items.map((a) => (
            <li class="civitas-card">
              <h2 class="govuk-heading-s civitas-card__title">
                <a class="govuk-link" href={`/initiatives/${a.id}`}>
                  {a.title}
                </a>
              </h2>
              <SummaryList
                noBorder
                rows={[
                  { key: L.caseNumber, value: a.caseNumber ?? t(L.noCase) },
                  { key: L.status, value: <StatusTag status={a.status} /> },
                  { key: L.taskArea, value: t(a.taskAreaLabel) },
                  { key: L.whoApplies, value: <ApplicantsLine a={a} /> },
                  { key: L.requested, value: formatMoney(locale, a.cityShareTotal) },
                  { key: L.contribution, value: formatMoney(locale, a.contribution.total) },
                  {
                    key: L.decision,
                    value: a.decision
                      ? `${t(a.status === 'rejected' ? L.rejectedText : L.approvedText)}${a.decision.decidedAt ? ` ${formatDate(locale, a.decision.decidedAt)}` : ''}`
                      : t(L.notYet),
                  },
                  ...(a.score !== null ? [{ key: L.score, value: t(L.scoreValue, { score: scoreText(locale, a.score) }) }] : []),
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={props.page} pages={props.pages} href={props.href} />
    </InitiativePage>
  );
}

/** One application as the public sees it: the task, the money, the decision — no personal data. */
export function PublicApplicationView(props: { a: PublicInitiative }) {
  const t = useT();
  const a = props.a;
  return (
    <InitiativePage title={a.title} caption={t(L.applicationCaption)} crumbs={crumbs({ href: REGISTER, text: L.registerHeading })}>
      <SummaryList
        rows={[
          { key: L.caseNumber, value: a.caseNumber ?? t(L.noCase) },
          { key: L.status, value: <StatusTag status={a.status} /> },
          { key: L.whoApplies, value: <ApplicantsLine a={a} /> },
          ...(a.contactName ? [{ key: L.contactPerson, value: a.contactName }] : []),
          ...(a.submittedAt ? [{ key: L.submittedOn, value: <DateText value={a.submittedAt} /> }] : []),
          ...(a.registeredAt ? [{ key: L.registeredOn, value: <DateText value={a.registeredAt} /> }] : []),
        ]}
      />
      <DecisionDetails a={a} />
      <ApplicationDetails a={a} />
      <ReportTotals report={a.finalReport} />
      <p class="govuk-body">
        <a class="govuk-link" href={REGISTER}>
          {t(L.backToRegister)}
        </a>
      </p>
    </InitiativePage>
  );
}
