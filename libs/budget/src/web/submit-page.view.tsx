import type { ComponentChildren } from 'preact';
import { ErrorSummary, formatMoney, FormErrors, Layout, useT, W, type Crumb } from '@civitas/web';
import type { Locale } from '@civitas/common';
import type { Edition, Pool } from '../editions.service';
import type { ProjectView } from '../projects.service';
import { costCheck } from './submit.model';
import { S } from './submit.texts';

/** What every page of a project's application knows: the project, its edition and pool, and who is looking. */
export interface DraftContext {
  project: ProjectView;
  edition: Edition;
  pool: Pool | undefined;
  /** The visitor's role among the authors. */
  role: 'main' | 'co';
  /** The name of the project's area, when it has one. */
  areaName: string | null;
}

export const isCorrection = (d: DraftContext) => d.project.status === 'correction_requested';

export const tasksPath = (projectId: string) => `/projects/${projectId}/edit`;
export const MY_PROJECTS = '/budget/my-projects';

/** Budget → My projects (→ the application). */
export function authorCrumbs(project?: { id: string; title: string }): Crumb[] {
  const crumbs: Crumb[] = [
    { href: '/budget', text: S.budget },
    { href: MY_PROJECTS, text: S.myProjects },
  ];
  if (project) crumbs.push({ href: tasksPath(project.id), text: project.title });
  return crumbs;
}

/** A problem that links to wherever it can be fixed (another page of the application, or a field here). */
export interface LinkedProblem {
  href: string | null;
  text: string;
}

/**
 * GOV.UK's error summary whose entries may link to another page (a section of the application) — the check page's
 * problems are fixed where the fields are. Focused on load like the shared one.
 */
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

/**
 * A page of the author's pages: the layout (budget section), a two-thirds column, the error summary first, an
 * optional caption (the project's title) above the h1.
 */
export function AuthorPage(props: {
  title: string;
  /** The document title when it should say more than the h1 (unique per project). */
  docTitle?: string;
  caption?: string;
  crumbs: Crumb[];
  errors?: FormErrors;
  problems?: LinkedProblem[];
  wide?: boolean;
  children: ComponentChildren;
}) {
  // The document title starts with "Błąd:" when the page shows problems of either kind.
  const titleErrors = props.errors?.any ? props.errors : new FormErrors((props.problems ?? []).map((p) => ({ field: null, text: p.text })));
  return (
    <Layout title={props.docTitle ?? props.title} section="budget" breadcrumbs={props.crumbs} errors={titleErrors}>
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

/** "od 10 000 zł do 500 000 zł" / "up to PLN 500,000" for a pool's project cost range. */
export function rangeText(locale: Locale, pool: Pool, t: ReturnType<typeof useT>): string {
  const { min, max } = costCheck(0, pool);
  const maxText = formatMoney(locale, max ?? pool.amount);
  return min !== null ? t(S.rangeBetween, { min: formatMoney(locale, min), max: maxText }) : t(S.rangeUpTo, { max: maxText });
}

/** The pool as a resident picks it: its name, amount and project cost range. */
export function poolFacts(locale: Locale, pool: Pool, t: ReturnType<typeof useT>): string {
  return t(S.poolFacts, { amount: formatMoney(locale, pool.amount), range: rangeText(locale, pool, t) });
}
