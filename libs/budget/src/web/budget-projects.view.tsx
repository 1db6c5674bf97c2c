import {
  Button,
  ErrorSummary,
  Layout,
  Money,
  Pagination,
  plural,
  Select,
  SummaryList,
  Tag,
  TextInput,
  usePage,
  useT,
  type FormState,
  type TagColour,
} from '@civitas/web';
import type { Edition } from '../editions.service';
import { PROJECT_SORTS, type ProjectSummary } from '../projects.service';
import { budgetCrumbs } from './budget-editions.view';
import { ProjectMap, type MapPoint, type MapTiles } from './budget-map.view';
import { P, PN, PUBLIC_STATUSES, SORT_NAMES, STATUS_NAMES } from './budget-pages.texts';

/** The colour of a status tag (the tag's text carries the meaning). */
export function statusColour(status: string): TagColour {
  if (status === 'selected' || status === 'admitted' || status === 'on_ballot' || status === 'appeal_upheld') return 'green';
  if (status === 'rejected' || status === 'appeal_dismissed' || status === 'not_selected') return 'red';
  if (status === 'correction_requested' || status === 'appealed') return 'orange';
  if (status === 'merged' || status === 'draft') return 'grey';
  return 'blue';
}

export function StatusTag(props: { status: string }) {
  const t = useT();
  const name = STATUS_NAMES[props.status];
  return <Tag colour={statusColour(props.status)}>{name ? t(name) : props.status}</Tag>;
}

/** The fields of the filter form (their labels name them in the messages of a bad value). */
export const FILTER_FIELDS = {
  pool: P.filterPool,
  area: P.filterArea,
  category: P.filterCategory,
  status: P.filterStatus,
  q: P.filterQ,
  sort: P.filterSort,
  seed: P.filterSeed,
  page: P.filterPage,
};

export interface ProjectsPage {
  edition: Edition;
  /** Areas to filter by, in the order of the tree (a city, its districts, their neighbourhoods). */
  areas: Array<{ id: string; label: string }>;
  areaNames: Map<string, string>;
  form: FormState;
  /** Null when the filters have errors (the form says what to correct). */
  result: { items: ProjectSummary[]; total: number; page: number; pages: number } | null;
  filtered: boolean;
  href: (page: number) => string;
  points: MapPoint[];
  tiles: MapTiles;
}

function ProjectCard(props: { project: ProjectSummary; edition: Edition; areaNames: Map<string, string> }) {
  const { locale } = usePage();
  const t = useT();
  const p = props.project;
  const category = p.categoryId ? props.edition.categories.find((c) => c.id === p.categoryId) : undefined;
  const pool = props.edition.pools.find((x) => x.id === p.poolId);
  return (
    <li class="civitas-card" data-project-id={p.id}>
      <h3 class="govuk-heading-m civitas-card__title">
        {p.number !== null ? <span class="govuk-caption-m">{t(P.number, { n: p.number })}</span> : null}
        <a class="govuk-link" href={`/projects/${p.id}`}>
          {p.title}
        </a>
      </h3>
      {p.summary ? <p class="govuk-body">{p.summary}</p> : null}
      <SummaryList
        noBorder
        rows={[
          { key: P.status, value: <StatusTag status={p.status} /> },
          { key: P.pool, value: pool?.name ?? '' },
          { key: P.area, value: p.areaId ? (props.areaNames.get(p.areaId) ?? t(P.none)) : t(P.wholeCity) },
          { key: P.category, value: category ? (locale === 'pl' ? category.namePl : category.nameEn) : t(P.none) },
          { key: P.cost, value: <Money grosze={p.totalCost} /> },
          { key: P.supporters, value: plural(locale, p.endorsements + p.paperSignatures, PN.people) },
        ]}
      />
    </li>
  );
}

/**
 * /budget/:editionId/projects: the filter form (GET, so every filtered list has an address to share), the count
 * found, the cards of this page, real pagination links, and the map of this page's projects beside the list.
 */
export function ProjectsView(props: ProjectsPage) {
  const { locale } = usePage();
  const t = useT();
  const e = props.edition;
  const title = t(P.projectsOf, { edition: e.name });
  const any = { value: '', label: P.all };
  const r = props.result;
  return (
    <Layout title={title} section="budget" breadcrumbs={budgetCrumbs(e)} errors={props.form.errors}>
      <ErrorSummary errors={props.form.errors} />
      <span class="govuk-caption-l">{e.name}</span>
      <h1 class="govuk-heading-l">{t(P.projectsTitle)}</h1>
      <form method="get" action={`/budget/${e.id}/projects`} class="civitas-filters" novalidate aria-labelledby="filters-heading">
        <h2 class="govuk-heading-s" id="filters-heading">
          {t(P.filtersHeading)}
        </h2>
        <div class="civitas-filters__fields">
          <Select name="pool" label={P.filterPool} form={props.form} choices={[any, ...e.pools.map((p) => ({ value: p.id, label: p.name }))]} />
          <Select name="area" label={P.filterArea} form={props.form} choices={[any, ...props.areas.map((a) => ({ value: a.id, label: a.label }))]} />
          <Select
            name="category"
            label={P.filterCategory}
            form={props.form}
            choices={[any, ...e.categories.map((c) => ({ value: c.id, label: locale === 'pl' ? c.namePl : c.nameEn }))]}
          />
          <Select
            name="status"
            label={P.filterStatus}
            form={props.form}
            choices={[any, ...PUBLIC_STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s] }))]}
          />
          <TextInput name="q" label={P.filterQ} form={props.form} type="search" width="20" maxlength={200} />
          <Select name="sort" label={P.filterSort} form={props.form} choices={PROJECT_SORTS.map((s) => ({ value: s, label: SORT_NAMES[s] }))} />
        </div>
        {typeof props.form.values.seed === 'string' && props.form.values.seed ? <input type="hidden" name="seed" value={props.form.values.seed} /> : null}
        <div class="govuk-button-group">
          <Button>{t(P.applyFilters)}</Button>
          <a class="govuk-link" href={`/budget/${e.id}/projects`}>
            {t(P.clearFilters)}
          </a>
        </div>
      </form>

      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {r === null ? (
            <p class="govuk-body">{t(P.fixFilters)}</p>
          ) : (
            <>
              <h2 class="govuk-heading-m" id="found">
                {plural(locale, r.total, PN.found)}
              </h2>
              {r.pages > 1 ? <p class="govuk-body-s">{t(P.pageOf, { page: r.page, pages: r.pages })}</p> : null}
              {r.total === 0 ? (
                <p class="govuk-body">{t(props.filtered ? P.noMatch : P.noProjects)}</p>
              ) : (
                <ul class="govuk-list civitas-cards">
                  {r.items.map((p) => (
                    <ProjectCard project={p} edition={e} areaNames={props.areaNames} />
                  ))}
                </ul>
              )}
              <Pagination page={r.page} pages={r.pages} href={props.href} />
            </>
          )}
        </div>
        <div class="govuk-grid-column-one-third civitas-map-column">
          {r && r.items.length > 0 && props.points.length === 0 ? <p class="govuk-body-s">{t(P.mapNone)}</p> : null}
          <ProjectMap id="projects-map" points={props.points} tiles={props.tiles} label={t(P.mapLabel)} heading={t(P.mapHeading)} lead={t(P.mapLead)} />
        </div>
      </div>
    </Layout>
  );
}
