import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import {
  Paragraphs,
  Button,
  DateText,
  Form,
  formatDate,
  formatMoney,
  formatNumber,
  InsetText,
  Layout,
  Money,
  plural,
  SummaryList,
  usePage,
  useT,
} from '@civitas/web';
import type { Criterion } from '../edition-rules';
import type { Edition } from '../editions.service';
import type { HistoryEntry, ProjectView } from '../projects.service';
import { budgetCrumbs } from './budget-editions.view';
import { ProjectMap, type MapTiles } from './budget-map.view';
import { CRITERIA_NAMES, HISTORY, P, PN, STATUS_MEANINGS, STATUS_NAMES } from './budget-pages.texts';
import { StatusTag } from './budget-projects.view';

/** What the support box offers the visitor. */
export type SupportState =
  /** Support is collected online: sign in first. */
  | 'anonymous'
  /** An author cannot support their own project. */
  | 'author'
  | 'can_support'
  /** Already given: the visitor may withdraw it while support is collected. */
  | 'supported'
  /** Given earlier; support is no longer collected. */
  | 'supported_closed'
  /** The edition collects support on paper only. */
  | 'paper_only'
  /** Nothing to offer (support is not collected now). */
  | 'closed';

export interface ProjectPageModel {
  project: ProjectView;
  edition: Edition;
  areaNames: Map<string, string>;
  /** Number and title of the other projects the page names (merges, groups of exclusive projects). */
  related: Map<string, { number: number | null; title: string }>;
  support: SupportState;
  /** The last day support can be given (the formal review's end), when it is collected now. */
  supportUntil: Date | null;
  tiles: MapTiles;
  /**
   * The implementation slot: the timeline of a selected project's implementation (progress, updates, photos), rendered
   * here only when given — ImplementationService's view fills it.
   */
  implementation?: ComponentChildren;
}

function TextSection(props: { id: string; heading: Text; text: string }) {
  const t = useT();
  return (
    <>
      <h2 class="govuk-heading-m" id={props.id}>
        {t(props.heading)}
      </h2>
      {props.text.trim() ? <Paragraphs text={props.text} /> : <p class="govuk-body">{t(P.notGiven)}</p>}
    </>
  );
}

function ProjectLink(props: { id: string; related: ProjectPageModel['related'] }) {
  const t = useT();
  const p = props.related.get(props.id);
  return (
    <a class="govuk-link" href={`/projects/${props.id}`}>
      {p ? `${p.number !== null ? `${t(P.number, { n: p.number })} ` : ''}${p.title}` : t(P.aProject)}
    </a>
  );
}

/** A sentence whose `{name}` is a list of project links. */
function WithProjects(props: { text: string; name: string; ids: string[]; related: ProjectPageModel['related'] }) {
  const [before, after] = props.text.split(`{${props.name}}`);
  return (
    <>
      {before}
      {props.ids.map((id, i) => (
        <>
          {i > 0 ? ', ' : null}
          <ProjectLink id={id} related={props.related} />
        </>
      ))}
      {after ?? ''}
    </>
  );
}

function SupportBox(props: { model: ProjectPageModel }) {
  const { locale } = usePage();
  const t = useT();
  const { project, support, supportUntil } = props.model;
  const s = project.support;
  const until = supportUntil ? <p class="govuk-body">{t(P.supportOpenUntil, { date: formatDate(locale, supportUntil) })}</p> : null;
  return (
    <section class="civitas-support" aria-labelledby="support-heading">
      <h2 class="govuk-heading-m" id="support-heading">
        {t(P.supportHeading)}
      </h2>
      <p class="govuk-body govuk-!-font-weight-bold" id="supporters">
        {plural(locale, s.total, PN.people)}
      </p>
      <p class="govuk-body-s">
        {t(P.supportCount, { online: formatNumber(locale, s.online), paper: formatNumber(locale, s.paper) })}
        {s.required > 0 ? ` ${t(P.supportRequired, { n: plural(locale, s.required, PN.signatures) })}` : ''}
      </p>
      {support === 'anonymous' ? (
        <>
          {until}
          <p class="govuk-body">
            <a class="govuk-button govuk-!-margin-bottom-0" href={`/sign-in?next=${encodeURIComponent(`/projects/${project.id}`)}`}>
              {t(P.supportSignIn)}
            </a>
          </p>
        </>
      ) : null}
      {support === 'author' ? <p class="govuk-body">{t(P.supportAuthor)}</p> : null}
      {support === 'can_support' ? (
        <>
          {until}
          <Form action={`/projects/${project.id}/support`} id="support-form">
            <Button>{t(P.supportButton)}</Button>
          </Form>
        </>
      ) : null}
      {support === 'supported' || support === 'supported_closed' ? (
        <div class="govuk-inset-text">
          <p class="govuk-body govuk-!-font-weight-bold">{t(P.supported)}</p>
          {support === 'supported' ? (
            <>
              {until}
              <Form action={`/projects/${project.id}/support/withdraw`} id="withdraw-form">
                <Button variant="secondary">{t(P.withdrawButton)}</Button>
              </Form>
            </>
          ) : null}
        </div>
      ) : null}
      {support === 'paper_only' ? <p class="govuk-body">{t(P.supportPaperOnly)}</p> : null}
    </section>
  );
}

interface Told {
  text: ComponentChildren;
  reason?: string | null;
  criteria?: Array<{ criterion: Criterion; met: boolean; justification: string }>;
  deadline?: Date | null;
}

const DAY_MS = 24 * 3600_000;

/** One entry of the history in plain words (with the links, the reasons per criterion and the deadline it set). */
function tell(
  h: HistoryEntry,
  model: ProjectPageModel,
  latest: { correction: boolean; rejection: boolean },
  t: ReturnType<typeof useT>,
  locale: 'pl' | 'en',
): Told {
  const d = h.details ?? {};
  const related = model.related;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== model.project.id) : []);
  const money = (v: unknown) => formatMoney(locale, typeof v === 'number' || typeof v === 'string' ? v : 0);
  const rules = model.edition.rules;
  const criteria = Array.isArray(d.criteria) ? (d.criteria as Told['criteria']) : undefined;
  switch (h.action) {
    case 'formal_review':
    case 'merit_review': {
      const stage = h.action === 'formal_review' ? 'formal' : 'merit';
      if (h.toStatus === 'correction_requested') {
        const deadline = latest.correction ? model.project.correctionDeadline : new Date(new Date(h.at).getTime() + rules.correctionDays * DAY_MS);
        return { text: t(HISTORY.formal_correction), reason: h.reason, criteria, deadline };
      }
      if (h.toStatus === 'rejected') {
        const deadline = latest.rejection ? model.project.appealDeadline : new Date(new Date(h.at).getTime() + rules.appealDays * DAY_MS);
        return { text: t(HISTORY[`${stage}_negative`]), reason: h.reason, criteria, deadline };
      }
      return { text: t(HISTORY[`${stage}_positive`]), reason: h.reason, criteria };
    }
    case 'cost_correction_proposed':
      return { text: t(HISTORY.cost_correction_proposed, { previous: money(d.previousTotal), total: money(d.total) }), reason: h.reason };
    case 'cost_corrected':
      return { text: t(HISTORY.cost_corrected, { total: money(d.total) }), reason: h.reason };
    case 'merge_proposed':
      return { text: <WithProjects text={t(HISTORY.merge_proposed)} name="projects" ids={ids(d.projectIds)} related={related} />, reason: h.reason };
    case 'merge_accepted':
      return { text: <WithProjects text={t(HISTORY.merge_accepted)} name="projects" ids={ids(d.merged)} related={related} />, reason: h.reason };
    case 'merged':
      return { text: <WithProjects text={t(HISTORY.merged)} name="project" ids={ids([d.into])} related={related} />, reason: h.reason };
    case 'marked_exclusive':
      return { text: <WithProjects text={t(HISTORY.marked_exclusive)} name="projects" ids={ids(d.projectIds)} related={related} />, reason: h.reason };
    case 'placed_on_ballot':
      return { text: t(HISTORY.placed_on_ballot, { position: typeof d.position === 'number' ? d.position : '?' }) };
    case 'results_published':
      return { text: t(h.toStatus === 'selected' ? HISTORY.results_selected : HISTORY.results_not_selected), reason: h.reason };
    case 'support_list_counted':
      return { text: t(HISTORY.support_list_counted, { n: typeof d.signatures === 'number' ? formatNumber(locale, d.signatures) : '?' }) };
    default: {
      const known = HISTORY[h.action];
      if (known) return { text: t(known), reason: h.reason };
      const name = (s: string | null) => (s && STATUS_NAMES[s] ? t(STATUS_NAMES[s]) : (s ?? ''));
      return {
        text: h.fromStatus !== h.toStatus && h.toStatus ? t(HISTORY.other, { from: name(h.fromStatus), to: name(h.toStatus) }) : t(HISTORY.otherSame),
        reason: h.reason,
      };
    }
  }
}

export function History(props: { model: ProjectPageModel }) {
  const { locale } = usePage();
  const t = useT();
  const entries = [...props.model.project.history].reverse();
  const newestCorrection = entries.find((h) => h.toStatus === 'correction_requested' && h.action.endsWith('_review'));
  const newestRejection = entries.find((h) => h.toStatus === 'rejected' && h.action.endsWith('_review'));
  return (
    <section aria-labelledby="history-heading">
      <h2 class="govuk-heading-m" id="history-heading">
        {t(P.historyHeading)}
      </h2>
      {entries.length === 0 ? (
        <p class="govuk-body">{t(P.historyEmpty)}</p>
      ) : (
        <>
          <p class="govuk-body-s">{t(P.historyLead)}</p>
          <ol class="govuk-list civitas-history">
            {entries.map((h) => {
              const told = tell(h, props.model, { correction: h === newestCorrection, rejection: h === newestRejection }, t, locale);
              return (
                <li class="civitas-history__entry">
                  <p class="govuk-body-s civitas-history__date">
                    <DateText value={h.at} withTime />
                  </p>
                  <p class="govuk-body govuk-!-margin-bottom-1">{told.text}</p>
                  {told.reason ? <p class="govuk-body">{t(P.reason, { reason: told.reason })}</p> : null}
                  {told.criteria && told.criteria.length ? (
                    <>
                      <p class="govuk-body-s govuk-!-margin-bottom-1">{t(P.criteriaCaption)}:</p>
                      <ul class="govuk-list govuk-list--bullet govuk-body-s">
                        {told.criteria.map((c) => (
                          <li>
                            <strong>{CRITERIA_NAMES[c.criterion] ? t(CRITERIA_NAMES[c.criterion]) : c.criterion}</strong>:{' '}
                            {t(c.met ? P.criterionMet : P.criterionNotMet)}
                            {c.justification ? ` — ${c.justification}` : ''}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                  {told.deadline ? <p class="govuk-body-s">{t(P.deadline, { date: formatDate(locale, told.deadline) })}</p> : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

const MEDIA_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

/**
 * /projects/:id: everything about a project a resident may read — status and its meaning, texts, location (with a
 * small map when it has coordinates), category, area and pool, the cost table, authors, documents, support (and the
 * "support this project" form while it is collected), groups of exclusive projects, and the history in plain words,
 * newest first.
 */
export function ProjectPageView(props: ProjectPageModel) {
  const { locale } = usePage();
  const t = useT();
  const { project: p, edition: e } = props;
  const category = p.categoryId ? e.categories.find((c) => c.id === p.categoryId) : undefined;
  const pool = e.pools.find((x) => x.id === p.poolId);
  const meaning = STATUS_MEANINGS[p.status];
  const documents = p.attachments.filter((a) => a.kind === 'document');
  const hasPlace = p.latitude !== null && p.longitude !== null;
  return (
    <Layout title={p.title} section="budget" breadcrumbs={[...budgetCrumbs(e), { href: `/budget/${e.id}/projects`, text: P.projectsTitle }]}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">
            {p.number !== null ? `${t(P.number, { n: p.number })} · ` : ''}
            {e.name}
          </span>
          <h1 class="govuk-heading-l">{p.title}</h1>
          <p class="govuk-body">
            <StatusTag status={p.status} />
          </p>
          {meaning ? <p class="govuk-body">{t(meaning)}</p> : null}
          {p.mergedInto ? (
            <InsetText>
              {t(P.mergedInto)} <ProjectLink id={p.mergedInto} related={props.related} />
            </InsetText>
          ) : null}
          {p.summary.trim() ? <Paragraphs text={p.summary} class="govuk-body-l" /> : null}
        </div>
        <div class="govuk-grid-column-one-third">
          <SupportBox model={props} />
        </div>
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">{t(P.details)}</h2>
          <SummaryList
            rows={[
              { key: P.pool, value: pool?.name ?? '' },
              { key: P.area, value: p.areaId ? (props.areaNames.get(p.areaId) ?? t(P.none)) : t(P.wholeCity) },
              { key: P.category, value: category ? (locale === 'pl' ? category.namePl : category.nameEn) : t(P.none) },
              { key: P.cost, value: <Money grosze={p.totalCost} /> },
            ]}
          />
          <TextSection id="description" heading={P.description} text={p.description} />
          <TextSection id="justification" heading={P.justification} text={p.justification} />
          <TextSection id="beneficiaries" heading={P.beneficiaries} text={p.beneficiaries} />

          <h2 class="govuk-heading-m">{t(P.location)}</h2>
          <p class="govuk-body">{p.address.trim() ? `${t(P.address)}: ${p.address}` : t(P.noAddress)}</p>
          {hasPlace ? (
            <ProjectMap
              id="project-map"
              small
              points={[{ id: p.id, title: p.title, lat: p.latitude!, lng: p.longitude! }]}
              tiles={props.tiles}
              label={t(P.mapProjectLabel, { title: p.title })}
            />
          ) : (
            <p class="govuk-body-s">{t(P.noCoordinates)}</p>
          )}

          <h2 class="govuk-heading-m">{t(P.costHeading)}</h2>
          {p.costItems.length === 0 ? (
            <p class="govuk-body">{t(P.costEmpty)}</p>
          ) : (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">{t(P.costCaption)}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    {t(P.costItem)}
                  </th>
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                    {t(P.costAmount)}
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {p.costItems.map((i) => (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{i.description}</td>
                    <td class="govuk-table__cell govuk-table__cell--numeric">
                      <Money grosze={i.amount} />
                    </td>
                  </tr>
                ))}
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header">
                    {t(P.costTotal)}
                  </th>
                  <td class="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold">
                    <Money grosze={p.totalCost} />
                  </td>
                </tr>
              </tbody>
            </table>
          )}

          <h2 class="govuk-heading-m">{t(P.authorsHeading)}</h2>
          <ul class="govuk-list">
            {p.authors.map((a) => (
              <li>
                {a.displayName}
                {a.role === 'main' ? ` (${t(P.mainAuthor)})` : ''}
              </li>
            ))}
          </ul>

          <h2 class="govuk-heading-m">{t(P.attachmentsHeading)}</h2>
          {documents.length === 0 ? (
            <p class="govuk-body">{t(P.attachmentsEmpty)}</p>
          ) : (
            <ul class="govuk-list">
              {documents.map((a) => (
                <li>
                  <a class="govuk-link" href={`/api/v1/projects/${p.id}/attachments/${a.id}`} download={a.fileName}>
                    {t(P.download, {
                      name: a.fileName,
                      type: MEDIA_NAMES[a.mediaType] ?? a.mediaType,
                      size: `${formatNumber(locale, Math.max(1, Math.ceil(a.size / 1024)))} KB`,
                    })}
                  </a>
                </li>
              ))}
            </ul>
          )}

          {p.exclusiveWith.length ? (
            <>
              <h2 class="govuk-heading-m">{t(P.exclusiveHeading)}</h2>
              <p class="govuk-body">{t(P.exclusiveLead)}</p>
              <ul class="govuk-list govuk-list--bullet">
                {p.exclusiveWith.map((g) => (
                  <li>
                    <WithProjects text={t(P.exclusiveWith, { reason: g.reason })} name="projects" ids={g.projectIds} related={props.related} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {/* Slot: the implementation timeline of a selected project (ImplementationService), only when given. */}
          {props.implementation ?? null}

          <History model={props} />
        </div>
      </div>
    </Layout>
  );
}
