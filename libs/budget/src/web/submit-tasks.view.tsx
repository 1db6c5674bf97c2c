import { Paragraphs, DateText, formatDate, SummaryList, Tag, usePage, useT, WarningText } from '@civitas/web';
import type { ReviewRecord } from '../reviews.service';
import { AuthorPage, authorCrumbs, isCorrection, MY_PROJECTS, tasksPath, type DraftContext } from './submit-page.view';
import { SECTIONS, type Section, type TaskStatus } from './submit.model';
import { CRITERION_NAMES, S, SECTION_HINTS, SECTION_NAMES, TASK_STATUS } from './submit.texts';
import { STATUS_NAMES } from './budget-pages.texts';

/** The official's request or decision, as the authors read it: the justification and the criteria not met. */
export function ReviewReasons(props: { review: ReviewRecord | null; fallback?: string | null }) {
  const t = useT();
  const r = props.review;
  const unmet = r?.criteria.filter((c) => !c.met) ?? [];
  const justification = r?.justification ?? props.fallback;
  if (!justification && unmet.length === 0) return null;
  return (
    <>
      {justification ? (
        <>
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{t(S.reasons)}</h3>
          <Paragraphs text={justification} />
        </>
      ) : null}
      {unmet.length ? (
        <>
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{t(S.unmetCriteria)}</h3>
          <ul class="govuk-list govuk-list--bullet">
            {unmet.map((c) => (
              <li>
                <strong>{t(CRITERION_NAMES[c.criterion])}</strong>: {c.justification}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The correction request at the top of a project sent back: the deadline and the official's reasons. */
export function CorrectionBox(props: { draft: DraftContext; review: ReviewRecord | null; now: Date }) {
  const t = useT();
  const { locale } = usePage();
  const deadline = props.draft.project.correctionDeadline;
  const lapsed = !!deadline && new Date(deadline).getTime() < props.now.getTime();
  return (
    <div class="govuk-inset-text">
      <h2 class="govuk-heading-m">{t(S.correctionHeading)}</h2>
      {deadline ? (
        lapsed ? (
          <WarningText>{t(S.correctionLapsed, { date: formatDate(locale, deadline) })}</WarningText>
        ) : (
          <p class="govuk-body">{t(S.correctionDeadline, { date: formatDate(locale, deadline) })}</p>
        )
      ) : null}
      <ReviewReasons review={props.review} />
    </div>
  );
}

function StatusCell(props: { id: string; status: TaskStatus }) {
  const t = useT();
  const text = t(TASK_STATUS[props.status]);
  if (props.status === 'completed') {
    return (
      <div class="govuk-task-list__status" id={props.id}>
        {text}
      </div>
    );
  }
  if (props.status === 'cannot_start') {
    return (
      <div class="govuk-task-list__status govuk-task-list__status--cannot-start-yet" id={props.id}>
        {text}
      </div>
    );
  }
  return (
    <div class="govuk-task-list__status" id={props.id}>
      <Tag colour={props.status === 'in_progress' ? 'light-blue' : 'blue'}>{text}</Tag>
    </div>
  );
}

/**
 * The application as GOV.UK runs long applications: a task list of sections, each with its status; every section
 * is saved on its own, so the application can be continued later or on another device.
 */
export function TaskListView(props: { draft: DraftContext; statuses: Record<Section, TaskStatus>; review: ReviewRecord | null; now: Date }) {
  const t = useT();
  const { project, edition } = props.draft;
  const correction = isCorrection(props.draft);
  const countable = SECTIONS.filter((s) => s !== 'check');
  const done = countable.filter((s) => props.statuses[s] === 'completed').length;
  const ready = props.statuses.check !== 'cannot_start';
  const title = t(correction ? S.correctionTitle : S.tasksTitle);
  return (
    <AuthorPage
      title={title}
      docTitle={t(correction ? S.correctionTitleOf : S.tasksTitleOf, { title: project.title })}
      caption={project.title}
      crumbs={authorCrumbs()}
    >
      {correction ? <CorrectionBox draft={props.draft} review={props.review} now={props.now} /> : null}
      <SummaryList
        rows={[
          {
            key: S.projectStatus,
            value: <Tag colour={correction ? 'orange' : 'grey'}>{t(STATUS_NAMES[project.status] ?? { pl: project.status, en: project.status })}</Tag>,
          },
          { key: S.edition, value: edition.name },
          ...(project.number !== null ? [{ key: S.projectNumber, value: String(project.number) }] : []),
        ]}
      />
      <h2 class="govuk-heading-s govuk-!-margin-bottom-2">{t(ready ? S.tasksReady : S.tasksIncomplete)}</h2>
      <p class="govuk-body govuk-!-margin-bottom-7">{t(S.tasksProgress, { done, total: countable.length })}</p>
      <ul class="govuk-task-list">
        {SECTIONS.map((s) => {
          const status = props.statuses[s];
          const id = `task-${s}`;
          const name = s === 'check' && correction ? t(S.checkCorrectionTitle) : t(SECTION_NAMES[s]);
          const linked = status !== 'cannot_start';
          return (
            <li class={`govuk-task-list__item${linked ? ' govuk-task-list__item--with-link' : ''}`}>
              <div class="govuk-task-list__name-and-hint">
                {linked ? (
                  <a class="govuk-link govuk-task-list__link" href={`${tasksPath(project.id)}/${s}`} aria-describedby={`${id}-hint ${id}-status`}>
                    {name}
                  </a>
                ) : (
                  <div>{name}</div>
                )}
                <div id={`${id}-hint`} class="govuk-task-list__hint">
                  {t(SECTION_HINTS[s])}
                </div>
              </div>
              <StatusCell id={`${id}-status`} status={status} />
            </li>
          );
        })}
      </ul>
      <p class="govuk-body">{t(S.tasksSaved)}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={MY_PROJECTS}>
          {t(S.myProjects)}
        </a>
      </p>
    </AuthorPage>
  );
}

/** A project that is no longer a draft or in correction: what it is, and where to see it. */
export function NotEditableView(props: { draft: DraftContext }) {
  const t = useT();
  const { project } = props.draft;
  return (
    <AuthorPage title={t(S.notEditableTitle)} caption={project.title} crumbs={authorCrumbs()}>
      <p class="govuk-body">{t(S.notEditableBody, { status: t(STATUS_NAMES[project.status] ?? { pl: project.status, en: project.status }) })}</p>
      {project.submittedAt ? (
        <p class="govuk-body">
          {t(S.submittedOn)} <DateText value={project.submittedAt} />.
        </p>
      ) : null}
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/projects/${project.id}`}>
            {t(S.viewProject)}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={MY_PROJECTS}>
            {t(S.myProjects)}
          </a>
        </li>
      </ul>
    </AuthorPage>
  );
}
