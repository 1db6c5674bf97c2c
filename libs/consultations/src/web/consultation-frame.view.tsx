import type { ComponentChildren } from 'preact';
import { Layout, Tag, useT, W, type FormErrors, type TagColour } from '@civitas/web';
import type { ConsultationStatus } from '../consultation-status';
import type { Consultation, ConsultationsService } from '../consultations.service';
import type { SurveyService } from '../survey.service';
import { CP, STATUS_NAMES } from './consultation-pages.texts';

export type ConsultationTab = 'overview' | 'document' | 'survey' | 'meetings' | 'report';

/** What every page of one consultation shows around its own content (see `ConsultationPagesData.frame`). */
export interface ConsultationFacts {
  c: Consultation;
  /** Whether the consultation has a survey (at least one question). */
  hasSurvey: boolean;
}

/** The facts of a consultation's frame (404 for an unknown id or a draft, as the API). */
export async function consultationFacts(consultations: ConsultationsService, survey: SurveyService, id: string): Promise<ConsultationFacts> {
  const [c, hasSurvey] = await Promise.all([consultations.get(id), survey.hasQuestions(id)]);
  return { c, hasSurvey };
}

const STATUS_COLOURS: Record<ConsultationStatus, TagColour> = {
  draft: 'grey',
  announced: 'blue',
  open: 'green',
  closed: 'grey',
  report_published: 'turquoise',
  cancelled: 'red',
};

/** The consultation's state as a tag (the text carries the meaning, the colour only repeats it). */
export function ConsultationStatusTag(props: { status: ConsultationStatus }) {
  const t = useT();
  return <Tag colour={STATUS_COLOURS[props.status]}>{t(STATUS_NAMES[props.status])}</Tag>;
}

/** The parts of a consultation a visitor can open: the overview and the document with its comments always, the others when they exist. */
export function consultationTabs(f: ConsultationFacts): Array<{ tab: ConsultationTab; href: string }> {
  const base = `/consultations/${f.c.id}`;
  const tabs: Array<{ tab: ConsultationTab; href: string }> = [{ tab: 'overview', href: base }];
  tabs.push({ tab: 'document', href: `${base}/document` });
  if (f.hasSurvey) tabs.push({ tab: 'survey', href: `${base}/survey` });
  if (f.c.meetings.length > 0) tabs.push({ tab: 'meetings', href: `${base}/meetings` });
  if (f.c.status === 'report_published') tabs.push({ tab: 'report', href: `${base}/report` });
  return tabs;
}

const TAB_TEXT = { overview: CP.tabOverview, document: CP.tabDocument, survey: CP.tabSurvey, meetings: CP.tabMeetings, report: CP.tabReport };

/**
 * The frame of every page of one consultation: the layout (title "<page> — <consultation>"), breadcrumbs, the
 * consultation's title as a caption above the page's heading, its state and audience, and the sub-navigation between
 * its parts (the current one marked with aria-current).
 */
export function ConsultationFrame(props: {
  facts: ConsultationFacts;
  active: ConsultationTab;
  /** The page's heading; the overview's is the consultation's title. */
  heading: string;
  errors?: FormErrors;
  /** Extra breadcrumbs after the consultation (e.g. a meeting). */
  children: ComponentChildren;
}) {
  const t = useT();
  const c = props.facts.c;
  const overview = props.active === 'overview';
  const title = overview ? c.title : `${props.heading} — ${c.title}`;
  return (
    <Layout
      title={title}
      section="consultations"
      errors={props.errors}
      breadcrumbs={[
        { text: W.home, href: '/' },
        { text: CP.listTitle, href: '/consultations' },
        ...(overview ? [] : [{ text: c.title, href: `/consultations/${c.id}` }]),
      ]}
    >
      {overview ? null : <span class="govuk-caption-l">{c.title}</span>}
      <h1 class="govuk-heading-l">{props.heading}</h1>
      <p class="govuk-body">
        <ConsultationStatusTag status={c.status} />{' '}
        <Tag colour={c.audience === 'ngo' ? 'purple' : 'grey'}>{t(c.audience === 'ngo' ? CP.ngoOnly : CP.everyone)}</Tag>
      </p>
      <nav class="civitas-subnav" aria-label={t(CP.tabsLabel)}>
        <ul class="civitas-subnav__list">
          {consultationTabs(props.facts).map((x) => (
            <li class={`civitas-subnav__item${x.tab === props.active ? ' civitas-subnav__item--current' : ''}`}>
              <a class="govuk-link civitas-subnav__link" href={x.href} aria-current={x.tab === props.active ? 'page' : undefined}>
                {t(TAB_TEXT[x.tab])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
    </Layout>
  );
}
