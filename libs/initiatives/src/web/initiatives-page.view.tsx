import type { ComponentChildren } from 'preact';
import {
  DateText,
  ErrorSummary,
  FormErrors,
  formatMoney,
  formatNumber,
  Layout,
  SummaryList,
  Tag,
  usePage,
  useT,
  W,
  type Crumb,
  type TagColour,
} from '@civitas/web';
import type { FullInitiative, PublicInitiative } from '../applications.service';
import type { InitiativeStatus } from '../initiative-status';
import { finalReportTotals } from '../agreement.service';
import { L, LAND_OWNER, SHARE_KIND, STATUS_NAMES } from './initiatives-pages.texts';

export const PROGRAMME = '/initiatives';
export const REGISTER = '/initiatives/register';
export const MINE = '/initiatives/mine';
export const tasksPath = (id: string) => `/initiatives/${id}/edit`;

/** Local initiative (→ My applications). */
export function crumbs(...more: Crumb[]): Crumb[] {
  return [{ href: PROGRAMME, text: L.section }, ...more];
}

/** A problem that links to wherever it can be fixed (another page of the application, or a field here). */
export interface LinkedProblem {
  href: string | null;
  text: string;
}

/** GOV.UK's error summary whose entries may link to another page; focused on load like the shared one. */
export function ProblemSummary(props: { problems: LinkedProblem[] }) {
  const t = useT();
  if (!props.problems.length) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex={-1} autofocus>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t(W.errorSummaryTitle)}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {props.problems.map((p) => (
              <li>{p.href ? <a href={p.href}>{p.text}</a> : p.text}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** A page of the local initiatives: the layout, a column, the error summary first, an optional caption above the h1. */
export function InitiativePage(props: {
  title: string;
  docTitle?: string;
  caption?: string;
  crumbs: Crumb[];
  errors?: FormErrors;
  problems?: LinkedProblem[];
  wide?: boolean;
  children: ComponentChildren;
}) {
  const titleErrors = props.errors?.any ? props.errors : new FormErrors((props.problems ?? []).map((p) => ({ field: null, text: p.text })));
  return (
    <Layout title={props.docTitle ?? props.title} section="initiatives" breadcrumbs={props.crumbs} errors={titleErrors}>
      <div class="govuk-grid-row">
        <div class={props.wide ? 'govuk-grid-column-full' : 'govuk-grid-column-two-thirds'}>
          {props.errors ? <ErrorSummary errors={props.errors} /> : null}
          {props.problems ? <ProblemSummary problems={props.problems} /> : null}
          {props.caption ? <span class="govuk-caption-l">{props.caption}</span> : null}
          <h1 class="govuk-heading-l">{props.title}</h1>
          {props.children}
        </div>
      </div>
    </Layout>
  );
}

/** Plain text as paragraphs: blank lines part paragraphs, single breaks stay. */
export function Paragraphs(props: { text: string | null | undefined }) {
  const parts = (props.text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {parts.map((p) => (
        <p class="govuk-body">
          {p.split('\n').map((l, i) => (
            <>
              {i > 0 ? <br /> : null}
              {l}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

const COLOUR: Partial<Record<InitiativeStatus, TagColour>> = {
  draft: 'grey',
  correction_requested: 'orange',
  unconsidered: 'red',
  rejected: 'red',
  terminated: 'red',
  approved: 'green',
  agreement_drafted: 'turquoise',
  agreement_signed: 'turquoise',
  in_progress: 'light-blue',
  completed: 'green',
};

export function StatusTag(props: { status: InitiativeStatus }) {
  const t = useT();
  return <Tag colour={COLOUR[props.status] ?? 'blue'}>{t(STATUS_NAMES[props.status])}</Tag>;
}

/** A score 0–100 with up to one decimal. */
export function scoreText(locale: 'pl' | 'en', score: number): string {
  return new Intl.NumberFormat(locale === 'pl' ? 'pl-PL' : 'en-GB', { maximumFractionDigits: 1 }).format(score);
}

/** The applicants as the public may know them: a group (how many) or the organisation; the contact name if agreed. */
export function applicantsText(t: ReturnType<typeof useT>, a: PublicInitiative): string {
  return a.applicantType === 'ngo' && a.ngoName ? t(L.ngoFor, { name: a.ngoName, n: a.applicantsCount }) : t(L.groupOf, { n: a.applicantsCount });
}

export function ApplicantsLine(props: { a: PublicInitiative }) {
  const t = useT();
  return <>{applicantsText(t, props.a)}</>;
}

/** The task, place, schedule, money and beneficiaries of an application: what the register shows of it (no personal data). */
export function ApplicationDetails(props: { a: PublicInitiative; hourValue?: number; change?: (section: string) => string; headingLevel?: 2 | 3 }) {
  const t = useT();
  const { locale } = usePage();
  const a = props.a;
  const c = a.contribution;
  const money = (g: number) => formatMoney(locale, g);
  const action = (section: string, hidden: string) => (props.change ? { href: props.change(section), text: L.change, hidden } : undefined);
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const full = 'landOwner' in a ? (a as FullInitiative) : null;
  return (
    <>
      <H class="govuk-heading-m">{t(L.description)}</H>
      <SummaryList
        rows={[
          { key: L.taskArea, value: t(a.taskAreaLabel), action: action('task', t(L.taskArea)) },
          { key: L.titleLabel, value: a.title, action: action('task', t(L.titleLabel)) },
          { key: L.descriptionLabel, value: a.description ? <Paragraphs text={a.description} /> : t(L.none), action: action('task', t(L.descriptionLabel)) },
          { key: L.beneficiaries, value: a.beneficiaries || t(L.none), action: action('task', t(L.beneficiaries)) },
          {
            key: L.beneficiariesCount,
            value: a.beneficiariesCount ? formatNumber(locale, a.beneficiariesCount) : t(L.none),
            action: action('task', t(L.beneficiariesCount)),
          },
          { key: L.location, value: a.location || t(L.none), action: action('location', t(L.location)) },
          ...(full ? [{ key: L.landOwnerLegend, value: t(LAND_OWNER[full.landOwner]), action: action('location', t(L.landOwnerLegend)) }] : []),
        ]}
      />
      <H class="govuk-heading-m">{t(L.schedule)}</H>
      {a.schedule.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(L.schedule)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(L.scheduleFrom)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(L.scheduleTo)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(L.activity)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {a.schedule.map((s) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <DateText value={s.from} />
                </td>
                <td class="govuk-table__cell">
                  <DateText value={s.to} />
                </td>
                <td class="govuk-table__cell">{s.activity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="govuk-body">{t(L.none)}</p>
      )}
      {props.change ? (
        <p class="govuk-body">
          <a class="govuk-link" href={props.change('schedule')}>
            {t(L.change)}
            <span class="govuk-visually-hidden"> {t(L.schedule)}</span>
          </a>
        </p>
      ) : null}
      <H class="govuk-heading-m">{t(L.costsHeading)}</H>
      <SummaryList
        rows={[
          { key: L.totalCost, value: money(a.totalCost), action: action('costs', t(L.totalCost)) },
          {
            key: L.volunteerWork,
            value:
              props.hourValue !== undefined
                ? t(L.volunteerWorkValue, { people: c.volunteerPeople, hours: c.volunteerHours, rate: money(props.hourValue), value: money(c.volunteerValue) })
                : money(c.volunteerValue),
            action: action('costs', t(L.volunteerWork)),
          },
          {
            key: L.inKind,
            value: c.inKind.length ? (
              <ul class="govuk-list">
                {c.inKind.map((k) => (
                  <li>
                    {k.item}: {money(k.value)}
                  </li>
                ))}
              </ul>
            ) : (
              money(0)
            ),
            action: action('costs', t(L.inKind)),
          },
          { key: L.cash, value: money(c.cash), action: action('costs', t(L.cash)) },
          { key: L.contributionTotal, value: <strong>{money(c.total)}</strong> },
          {
            key: L.cityShare,
            value: a.cityShare.length ? (
              <ul class="govuk-list">
                {a.cityShare.map((s) => (
                  <li>
                    {t(SHARE_KIND[s.kind])} — {s.description}: {money(s.value)}
                  </li>
                ))}
              </ul>
            ) : (
              t(L.none)
            ),
            action: action('costs', t(L.cityShare)),
          },
          { key: L.cityShareTotal, value: <strong>{money(a.cityShareTotal)}</strong> },
        ]}
      />
    </>
  );
}

/** The decision (reasons, purposefulness, date) and the score. */
export function DecisionDetails(props: { a: PublicInitiative }) {
  const t = useT();
  const { locale } = usePage();
  const a = props.a;
  if (!a.decision && a.score === null) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{t(L.decisionHeading)}</h2>
      {a.decision ? (
        <p class="govuk-body">
          <strong>{t(a.status === 'rejected' ? L.rejectedText : L.approvedText)}</strong>
        </p>
      ) : null}
      <SummaryList
        rows={[
          ...(a.score !== null ? [{ key: L.score, value: t(L.scoreValue, { score: scoreText(locale, a.score) }) }] : []),
          ...(a.decision?.decidedAt ? [{ key: L.decidedOn, value: <DateText value={a.decision.decidedAt} /> }] : []),
          ...(a.decision?.reason ? [{ key: L.justification, value: <Paragraphs text={a.decision.reason} /> }] : []),
          ...(a.decision?.purposefulness ? [{ key: L.purposefulness, value: <Paragraphs text={a.decision.purposefulness} /> }] : []),
        ]}
      />
    </>
  );
}

/** The final report's totals (its free text stays with the applicants and officials). */
export function ReportTotals(props: { report: Record<string, unknown> | null }) {
  const t = useT();
  const { locale } = usePage();
  const r = finalReportTotals(props.report);
  if (!r) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{t(L.finalReportHeading)}</h2>
      <SummaryList
        rows={[
          { key: L.filedOn, value: <DateText value={r.filedAt} /> },
          { key: L.actualContribution, value: formatMoney(locale, r.contributionTotal) },
          { key: L.actualCityShare, value: formatMoney(locale, r.cityShareTotal) },
        ]}
      />
    </>
  );
}
