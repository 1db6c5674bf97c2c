import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import { ErrorSummary } from '../components/form';
import type { Crumb } from '../components/navigation';
import { W } from '../components/web.texts';
import type { FormErrors } from '../forms/form';
import { Layout } from '../layout/layout';
import { usePage, useT, type PageUser } from '../page/page-context';
import { D } from './desk.texts';

export { isDeskUser } from './desk-roles';

/** The parts of the desk, in the side navigation's order, with the roles that see each (an admin sees every part). */
export type DeskArea = 'start' | 'budget' | 'voting' | 'consultations' | 'initiatives' | 'admin';

export const DESK_AREAS: ReadonlyArray<{ id: DeskArea; href: string; text: Text; roles: readonly string[] }> = [
  { id: 'start', href: '/desk', text: D.start, roles: ['moderator', 'official'] },
  { id: 'budget', href: '/desk/budget', text: D.budget, roles: ['official'] },
  { id: 'voting', href: '/desk/voting', text: D.voting, roles: ['official'] },
  { id: 'consultations', href: '/desk/consultations', text: D.consultations, roles: ['moderator', 'official'] },
  { id: 'initiatives', href: '/desk/initiatives', text: D.initiatives, roles: ['official'] },
  { id: 'admin', href: '/desk/admin', text: D.admin, roles: ['official'] },
];

/** The parts of the desk a person sees: by role, every part for an admin. */
export function deskAreasFor(user: Pick<PageUser, 'roles'> | null): typeof DESK_AREAS {
  if (!user) return [];
  const admin = user.roles.includes('admin');
  return DESK_AREAS.filter((a) => admin || a.roles.some((r) => user.roles.includes(r)));
}

export interface DeskLayoutProps {
  title: string;
  /** The part of the desk the page belongs to (marked in the side navigation). */
  area: DeskArea;
  /** Crumbs after "Desk" (the desk's start page is always the first). */
  breadcrumbs?: Crumb[];
  errors?: FormErrors;
  /** A line under the title (a caption: what the page is about, e.g. the project's title). */
  caption?: string;
  children: ComponentChildren;
}

/**
 * Every desk page: the site's layout in the desk section, the desk's side navigation (the parts this person may
 * use) in a quarter column, the page in the other three: error summary first, the caption, the h1, the content.
 * Officials work on desktops: the page uses the full width from 1024 px and still reflows below it.
 */
export function DeskLayout(props: DeskLayoutProps) {
  const page = usePage();
  const t = useT();
  const crumbs: Crumb[] = [{ text: t(W.home), href: '/' }, { text: t(D.desk), href: '/desk' }, ...(props.breadcrumbs ?? [])];
  return (
    <Layout title={props.title} section="desk" breadcrumbs={crumbs} errors={props.errors}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-quarter-from-desktop">
          <nav class="civitas-desk-nav" aria-label={t(D.deskNav)}>
            <ul class="govuk-list">
              {deskAreasFor(page.user).map((a) => (
                <li>
                  <a class="govuk-link govuk-link--no-visited-state" href={a.href} aria-current={a.id === props.area ? 'page' : undefined}>
                    {a.id === props.area ? <strong>{t(a.text)}</strong> : t(a.text)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <div class="govuk-grid-column-three-quarters-from-desktop">
          {props.errors ? <ErrorSummary errors={props.errors} /> : null}
          {props.caption ? <span class="govuk-caption-l">{props.caption}</span> : null}
          <h1 class="govuk-heading-l">{props.title}</h1>
          {props.children}
        </div>
      </div>
    </Layout>
  );
}
