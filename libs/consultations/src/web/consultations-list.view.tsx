import { Button, ErrorSummary, formatDate, Layout, Pagination, plural, Select, SummaryList, Tag, usePage, useT, W, type FormState } from '@civitas/web';
import type { ConsultationSummary, ParticipationFacts } from '../consultations.service';
import { ConsultationStatusTag } from './consultation-frame.view';
import { CL, CP, CPN, STATUS_NAMES } from './consultation-pages.texts';

/** The statuses a visitor can filter by (drafts are never public). */
export const PUBLIC_STATUSES = ['open', 'announced', 'closed', 'report_published', 'cancelled'] as const;

/** The fields of the filter form (their labels name them in the messages of a bad value). */
export const LIST_FIELDS = { status: CL.filterStatus, area: CL.filterArea, topic: CL.filterTopic, page: CL.filterPage };

export interface ConsultationsListPage {
  form: FormState;
  areas: Array<{ id: string; label: string }>;
  areaNames: Map<string, string>;
  topics: string[];
  /** Null when the filters have errors. */
  result: { items: ConsultationSummary[]; facts: Map<string, ParticipationFacts>; total: number; page: number; pages: number } | null;
  filtered: boolean;
  href: (page: number) => string;
}

/** When a consultation runs, in words: "from … to …", "opens on …", or not set yet. */
export function DatesText(props: { c: Pick<ConsultationSummary, 'status' | 'opensAt' | 'closesAt'> }) {
  const { locale } = usePage();
  const t = useT();
  const { opensAt, closesAt } = props.c;
  if (opensAt && closesAt) return <>{t(CL.datesRange, { from: formatDate(locale, opensAt), to: formatDate(locale, closesAt) })}</>;
  if (opensAt) return <>{t(CL.datesOpens, { date: formatDate(locale, opensAt) })}</>;
  return <>{t(CL.notScheduled)}</>;
}

/** The names of the areas a consultation concerns, or "the whole city". */
export function areasText(areaIds: string[], names: Map<string, string>, wholeCity: string): string {
  if (areaIds.length === 0) return wholeCity;
  return (
    areaIds
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .join(', ') || wholeCity
  );
}

function Card(props: { c: ConsultationSummary; facts: ParticipationFacts | undefined; areaNames: Map<string, string> }) {
  const { locale } = usePage();
  const t = useT();
  const c = props.c;
  const f = props.facts ?? { hasDocument: false, hasSurvey: false, meetings: 0, comments: 0 };
  const forms = [t(f.hasDocument ? CL.formDocument : CL.formComments)];
  if (f.hasSurvey) forms.push(t(CL.formSurvey));
  if (f.meetings > 0) forms.push(t(CL.formMeetings));
  return (
    <li class="civitas-card" data-consultation-id={c.id}>
      <h3 class="govuk-heading-m civitas-card__title">
        <a class="govuk-link" href={`/consultations/${c.id}`}>
          {c.title}
        </a>
      </h3>
      <p class="govuk-body govuk-!-margin-bottom-2">
        <ConsultationStatusTag status={c.status} /> {c.audience === 'ngo' ? <Tag colour="purple">{t(CP.ngoOnly)}</Tag> : null}
      </p>
      <p class="govuk-body">{c.summary}</p>
      <SummaryList
        noBorder
        rows={[
          { key: CL.dates, value: <DatesText c={c} /> },
          { key: CL.area, value: areasText(c.areaIds, props.areaNames, t(CL.wholeCity)) },
          ...(c.topic ? [{ key: CL.topic, value: c.topic }] : []),
          { key: CL.audience, value: t(c.audience === 'ngo' ? CL.audienceNgo : CL.audienceEveryone) },
          { key: CL.forms, value: forms.join(', ') },
          { key: CL.comments, value: plural(locale, f.comments, CPN.comments) },
        ]}
      />
    </li>
  );
}

/** /consultations: every consultation the public sees, filtered by state, area and topic, 20 a page. */
export function ConsultationsListView(props: ConsultationsListPage) {
  const { locale } = usePage();
  const t = useT();
  const any = { value: '', label: CL.all };
  const r = props.result;
  return (
    <Layout title={t(CP.listTitle)} section="consultations" breadcrumbs={[{ href: '/', text: W.home }]} errors={props.form.errors}>
      <ErrorSummary errors={props.form.errors} />
      <h1 class="govuk-heading-l">{t(CP.listTitle)}</h1>
      <p class="govuk-body-l">{t(CP.listLead)}</p>
      <form method="get" action="/consultations" class="civitas-filters" novalidate aria-labelledby="filters-heading">
        <h2 class="govuk-heading-s" id="filters-heading">
          {t(CL.filtersHeading)}
        </h2>
        <div class="civitas-filters__fields">
          <Select
            name="status"
            label={CL.filterStatus}
            form={props.form}
            choices={[any, ...PUBLIC_STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s] }))]}
          />
          <Select name="area" label={CL.filterArea} form={props.form} choices={[any, ...props.areas.map((a) => ({ value: a.id, label: a.label }))]} />
          <Select name="topic" label={CL.filterTopic} form={props.form} choices={[any, ...props.topics.map((x) => ({ value: x, label: x }))]} />
        </div>
        <div class="govuk-button-group">
          <Button>{t(CL.applyFilters)}</Button>
          <a class="govuk-link" href="/consultations">
            {t(CL.clearFilters)}
          </a>
        </div>
      </form>
      {r === null ? (
        <p class="govuk-body">{t(CL.fixFilters)}</p>
      ) : (
        <>
          <h2 class="govuk-heading-m" id="found">
            {plural(locale, r.total, CPN.consultations)}
          </h2>
          {r.pages > 1 ? <p class="govuk-body-s">{t(CL.pageOf, { page: r.page, pages: r.pages })}</p> : null}
          {r.total === 0 ? (
            <p class="govuk-body" id="consultations-empty">
              {t(props.filtered ? CL.noMatch : CL.noneYet)}
            </p>
          ) : (
            <ul class="govuk-list civitas-cards">
              {r.items.map((c) => (
                <Card c={c} facts={r.facts.get(c.id)} areaNames={props.areaNames} />
              ))}
            </ul>
          )}
          <Pagination page={r.page} pages={r.pages} href={props.href} />
        </>
      )}
    </Layout>
  );
}
