import {
  Paragraphs,
  DateText,
  ErrorSummary,
  Button,
  Layout,
  Money,
  Pagination,
  plural,
  Select,
  SummaryList,
  Tag,
  usePage,
  useT,
  type FormState,
  type TagColour,
} from '@civitas/web';
import type { Edition } from '../editions.service';
import { IMPLEMENTATION_STATUSES, type ImplementationListItem, type ImplementationStatus, type ImplementationTimeline } from '../implementation.service';
import { budgetCrumbs } from './budget-editions.view';
import { P, PN } from './budget-pages.texts';
import { I, IMPLEMENTATION_NAMES, IN } from './implementation-pages.texts';

const COLOURS: Record<ImplementationStatus, TagColour> = { planned: 'grey', implementing: 'blue', implemented: 'green', abandoned: 'red' };

/** The implementation state as a tag (its text carries the meaning, the colour only repeats it). */
export function ImplementationTag(props: { status: ImplementationStatus }) {
  const t = useT();
  return <Tag colour={COLOURS[props.status]}>{t(IMPLEMENTATION_NAMES[props.status])}</Tag>;
}

/** The percentage as text and as a native progress bar (named, so it is never colour or length alone). */
export function ProgressBar(props: { percent: number; id: string }) {
  const t = useT();
  const label = t(I.percentDone, { n: props.percent });
  return (
    <div class="civitas-progress">
      <p class="govuk-body govuk-!-margin-bottom-1" id={`${props.id}-label`}>
        {label}
      </p>
      <progress class="civitas-progress__bar" max={100} value={props.percent} aria-labelledby={`${props.id}-label`}>
        {label}
      </progress>
    </div>
  );
}

const photoUrl = (projectId: string, photoId: string) => `/api/v1/projects/${projectId}/implementation/photos/${photoId}`;

/** The implementation timeline of a selected project, for ProjectPageView's `implementation` slot. */
export function ImplementationSection(props: { timeline: ImplementationTimeline }) {
  const t = useT();
  const tl = props.timeline;
  return (
    <section class="civitas-implementation" aria-labelledby="implementation-heading">
      <h2 class="govuk-heading-m" id="implementation-heading">
        {t(I.timelineHeading)}
      </h2>
      <SummaryList
        rows={[
          { key: I.state, value: <ImplementationTag status={tl.status} /> },
          { key: I.progress, value: <ProgressBar percent={tl.percent} id="implementation-progress" /> },
          ...(tl.happenedOn ? [{ key: I.lastUpdate, value: <DateText value={tl.happenedOn} /> }] : []),
        ]}
      />
      <h3 class="govuk-heading-s">{t(I.updatesHeading)}</h3>
      {tl.updates.length === 0 ? (
        <p class="govuk-body">{t(I.noUpdates)}</p>
      ) : (
        <ol class="govuk-list civitas-implementation__updates" reversed>
          {tl.updates.map((u) => (
            <li class="civitas-implementation__update" data-update-id={u.id}>
              <p class="govuk-body govuk-!-margin-bottom-1">
                <strong>
                  <DateText value={u.happenedOn} />
                </strong>{' '}
                <ImplementationTag status={u.status} /> {t(I.percentDone, { n: u.percent })}
              </p>
              <Paragraphs text={u.note} />
              {u.reason ? (
                <div class="civitas-implementation__reason">
                  <h4 class="govuk-heading-s govuk-!-margin-bottom-1">{t(I.reason)}</h4>
                  <Paragraphs text={u.reason} />
                </div>
              ) : null}
              {u.photos.length ? <h4 class="govuk-heading-s govuk-!-margin-bottom-1">{t(I.photos)}</h4> : null}
              {u.photos.length ? (
                <ul class="govuk-list civitas-photos">
                  {u.photos.map((ph) => (
                    <li>
                      <img class="civitas-photo" src={photoUrl(tl.projectId, ph.id)} alt={t(I.photoAlt, { name: ph.fileName })} loading="lazy" />
                      <br />
                      <a class="govuk-link govuk-body-s" href={photoUrl(tl.projectId, ph.id)}>
                        {t(I.photoFull, { name: ph.fileName })}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The fields of the implementation filter form (their labels name them in the messages of a bad value). */
export const IMPLEMENTATION_FILTER_FIELDS = { status: I.filterStatus, pool: P.filterPool, area: P.filterArea, category: P.filterCategory, page: P.filterPage };

export interface ImplementationListPage {
  edition: Edition;
  areas: Array<{ id: string; label: string }>;
  areaNames: Map<string, string>;
  form: FormState;
  /** False before the results are published (nothing is implemented yet). */
  published: boolean;
  /** Null when the filters have errors or the results are not out. */
  result: { items: ImplementationListItem[]; total: number; page: number; pages: number; counts: Record<ImplementationStatus, number> } | null;
  filtered: boolean;
  href: (page: number) => string;
}

function ItemCard(props: { item: ImplementationListItem; edition: Edition; areaNames: Map<string, string> }) {
  const { locale } = usePage();
  const t = useT();
  const p = props.item;
  const pool = props.edition.pools.find((x) => x.id === p.poolId);
  const category = p.categoryId ? props.edition.categories.find((c) => c.id === p.categoryId) : undefined;
  return (
    <li class="civitas-card" data-project-id={p.projectId}>
      <h3 class="govuk-heading-m civitas-card__title">
        {p.number !== null ? <span class="govuk-caption-m">{t(P.number, { n: p.number })}</span> : null}
        <a class="govuk-link" href={`/projects/${p.projectId}`}>
          {p.title}
        </a>
      </h3>
      <SummaryList
        noBorder
        rows={[
          { key: I.state, value: <ImplementationTag status={p.status} /> },
          { key: I.progress, value: <ProgressBar percent={p.percent} id={`progress-${p.projectId}`} /> },
          ...(p.happenedOn ? [{ key: I.lastUpdate, value: <DateText value={p.happenedOn} /> }] : []),
          { key: P.pool, value: pool?.name ?? '' },
          { key: P.area, value: p.areaId ? (props.areaNames.get(p.areaId) ?? t(P.none)) : t(P.wholeCity) },
          { key: P.category, value: category ? (locale === 'pl' ? category.namePl : category.nameEn) : t(P.none) },
          { key: P.cost, value: <Money grosze={p.totalCost} /> },
        ]}
      />
    </li>
  );
}

/** /budget/:editionId/implementation: the edition's selected projects with their implementation state. */
export function ImplementationListView(props: ImplementationListPage) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const any = { value: '', label: P.all };
  const r = props.result;
  return (
    <Layout title={t(I.listTitleOf, { edition: e.name })} section="budget" breadcrumbs={budgetCrumbs(e)} errors={props.form.errors}>
      <ErrorSummary errors={props.form.errors} />
      <span class="govuk-caption-l">{e.name}</span>
      <h1 class="govuk-heading-l">{t(I.listTitle)}</h1>
      <p class="govuk-body-l">{t(I.listLead)}</p>
      {!props.published ? (
        <p class="govuk-body" id="implementation-empty">
          {t(I.notYet)}
        </p>
      ) : (
        <>
          <form method="get" action={`/budget/${e.id}/implementation`} class="civitas-filters" novalidate aria-labelledby="filters-heading">
            <h2 class="govuk-heading-s" id="filters-heading">
              {t(P.filtersHeading)}
            </h2>
            <div class="civitas-filters__fields">
              <Select
                name="status"
                label={I.filterStatus}
                form={props.form}
                choices={[any, ...IMPLEMENTATION_STATUSES.map((s) => ({ value: s, label: IMPLEMENTATION_NAMES[s] }))]}
              />
              <Select name="pool" label={P.filterPool} form={props.form} choices={[any, ...e.pools.map((p) => ({ value: p.id, label: p.name }))]} />
              <Select name="area" label={P.filterArea} form={props.form} choices={[any, ...props.areas.map((a) => ({ value: a.id, label: a.label }))]} />
              <Select
                name="category"
                label={P.filterCategory}
                form={props.form}
                choices={[any, ...e.categories.map((c) => ({ value: c.id, label: locale === 'pl' ? c.namePl : c.nameEn }))]}
              />
            </div>
            <div class="govuk-button-group">
              <Button>{t(P.applyFilters)}</Button>
              <a class="govuk-link" href={`/budget/${e.id}/implementation`}>
                {t(P.clearFilters)}
              </a>
            </div>
          </form>
          {r === null ? (
            <p class="govuk-body">{t(I.fixFilters)}</p>
          ) : (
            <>
              <h2 class="govuk-heading-m" id="counts-heading">
                {t(I.countsHeading)}
              </h2>
              <p class="govuk-body" id="implementation-counts">
                {IMPLEMENTATION_STATUSES.filter((s) => r.counts[s] > 0)
                  .map((s) => plural(locale, r.counts[s], IN[s]))
                  .join(', ') || plural(locale, 0, IN.planned)}
              </p>
              <h2 class="govuk-heading-m" id="found">
                {plural(locale, r.total, PN.found)}
              </h2>
              {r.pages > 1 ? <p class="govuk-body-s">{t(P.pageOf, { page: r.page, pages: r.pages })}</p> : null}
              {r.total === 0 ? (
                <p class="govuk-body" id="implementation-empty">
                  {t(props.filtered ? I.noMatch : I.noSelected)}
                </p>
              ) : (
                <ul class="govuk-list civitas-cards">
                  {r.items.map((p) => (
                    <ItemCard item={p} edition={e} areaNames={props.areaNames} />
                  ))}
                </ul>
              )}
              <Pagination page={r.page} pages={r.pages} href={props.href} />
            </>
          )}
        </>
      )}
    </Layout>
  );
}
