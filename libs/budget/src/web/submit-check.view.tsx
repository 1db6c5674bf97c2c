import type { ComponentChildren } from 'preact';
import {
  Button,
  Choices,
  Form,
  fileSize,
  formatDate,
  formatMoney,
  FormErrors,
  Layout,
  Panel,
  SummaryList,
  usePage,
  useT,
  WarningText,
  type SummaryRow,
} from '@civitas/web';
import type { Text } from '@civitas/common';
import type { ProjectField } from '../edition-rules';
import type { ReviewRecord } from '../reviews.service';
import { AuthorPage, authorCrumbs, isCorrection, MY_PROJECTS, tasksPath, type DraftContext, type LinkedProblem } from './submit-page.view';
import { CorrectionBox } from './submit-tasks.view';
import { FIELD_PLACE, filledFields, requiredFields } from './submit.model';
import { S, SECTION_NAMES } from './submit.texts';

/** Where a field's problem is fixed: its section's page, at the field. */
export function fieldHref(projectId: string, field: string): string | null {
  const place = FIELD_PLACE[field];
  return place ? `${tasksPath(projectId)}/${place.section}#${place.id}` : null;
}

/** The check page's answer for one field: the value, "not given", or "not given — required". */
function Answer(props: { value: ComponentChildren; given: boolean; required: boolean }) {
  const t = useT();
  if (props.given) return <>{props.value}</>;
  return props.required ? <strong class="govuk-error-message govuk-!-margin-bottom-0">{t(S.missingRequired)}</strong> : <>{t(S.notGiven)}</>;
}

/**
 * Check your answers: every section summarised with "change" links, the declaration, and submit (or, for a project
 * sent back, resubmit). Problems the submission finds (required fields, the pool's cost limits) link to the section
 * where each is fixed.
 */
export function CheckView(props: { draft: DraftContext; problems: LinkedProblem[]; declared: boolean; review: ReviewRecord | null; now: Date }) {
  const t = useT();
  const { locale } = usePage();
  const { project, edition, pool } = props.draft;
  const correction = isCorrection(props.draft);
  const has = filledFields(project);
  const required = requiredFields({ rules: edition.rules, pool });
  const base = tasksPath(project.id);
  const change = (section: keyof typeof SECTION_NAMES, id: string, name: Text): SummaryRow['action'] => ({
    href: `${base}/${section}#${id}`,
    text: S.change,
    hidden: t(name).toLowerCase(),
  });
  const row = (section: 'description' | 'location' | 'basics', field: ProjectField, key: Text, value: string, id: string): SummaryRow => ({
    key,
    value: <Answer value={value} given={has[field]} required={required.has(field)} />,
    action: change(section, id, key),
  });
  const category = edition.categories.find((c) => c.id === project.categoryId);
  const declarationError = props.problems.find((p) => p.href === '#declaration')?.text;
  const title = t(correction ? S.checkCorrectionTitle : SECTION_NAMES.check);
  return (
    <AuthorPage title={title} docTitle={`${title}: ${project.title}`} caption={project.title} crumbs={authorCrumbs(project)} problems={props.problems}>
      {correction ? <CorrectionBox draft={props.draft} review={props.review} now={props.now} /> : null}
      <p class="govuk-body">{t(correction ? S.checkCorrectionLead : S.checkLead)}</p>

      <h2 class="govuk-heading-m">{t(SECTION_NAMES.basics)}</h2>
      <SummaryList
        rows={[
          { key: S.title, value: project.title, action: change('basics', 'title', S.title) },
          { key: S.pool, value: pool?.name ?? '', action: change('basics', 'poolId', S.pool) },
          row('basics', 'category', S.category, category ? (locale === 'pl' ? category.namePl : category.nameEn) : '', 'categoryId'),
          row('basics', 'area', S.area, props.draft.areaName ?? '', 'areaId'),
        ]}
      />

      <h2 class="govuk-heading-m">{t(SECTION_NAMES.description)}</h2>
      <SummaryList
        rows={[
          row('description', 'summary', S.summary, project.summary, 'summary'),
          row('description', 'description', S.description, project.description, 'description'),
          row('description', 'justification', S.justification, project.justification, 'justification'),
          row('description', 'beneficiaries', S.beneficiaries, project.beneficiaries, 'beneficiaries'),
        ]}
      />

      <h2 class="govuk-heading-m">{t(SECTION_NAMES.location)}</h2>
      <SummaryList
        rows={[
          row('location', 'address', S.address, project.address, 'address'),
          row(
            'location',
            'coordinates',
            S.coordinates,
            project.latitude !== null && project.longitude !== null ? `${project.latitude}, ${project.longitude}` : '',
            'latitude',
          ),
        ]}
      />

      <h2 class="govuk-heading-m">{t(SECTION_NAMES.costs)}</h2>
      <SummaryList
        rows={[
          {
            key: S.costItemsKey,
            value: project.costItems.length ? (
              <ul class="govuk-list">
                {project.costItems.map((c) => (
                  <li>
                    {c.description}: {formatMoney(locale, c.amount)}
                  </li>
                ))}
              </ul>
            ) : (
              <Answer value="" given={false} required />
            ),
            action: change('costs', 'costItems.0.description', S.costItemsKey),
          },
          { key: S.total, value: <strong>{formatMoney(locale, project.totalCost)}</strong> },
        ]}
      />

      <h2 class="govuk-heading-m">{t(SECTION_NAMES.attachments)}</h2>
      <SummaryList
        rows={[
          {
            key: S.filesKey,
            value: project.attachments.length ? (
              <ul class="govuk-list">
                {project.attachments.map((a) => (
                  <li class="govuk-!-text-break-word">
                    {a.fileName} ({fileSize(locale, a.size)})
                  </li>
                ))}
              </ul>
            ) : (
              t(S.none)
            ),
            action: change('attachments', 'file', S.filesKey),
          },
        ]}
      />

      <h2 class="govuk-heading-m">{t(SECTION_NAMES.authors)}</h2>
      <SummaryList
        rows={[
          {
            key: S.authorsKey,
            value: (
              <ul class="govuk-list">
                {project.authors.map((a) => (
                  <li>
                    {a.displayName} ({t(a.role === 'main' ? S.roleMain : S.roleCo)})
                  </li>
                ))}
              </ul>
            ),
            action: change('authors', 'email', S.authorsKey),
          },
        ]}
      />

      <Form action={`${base}/check`}>
        <Choices
          type="checkbox"
          name="declaration"
          legend={S.declarationLegend}
          legendSize="m"
          form={{
            values: { declaration: props.declared ? 'yes' : undefined },
            errors: new FormErrors(declarationError ? [{ field: 'declaration', text: declarationError }] : []),
          }}
          choices={[{ value: 'yes', label: S.declaration }]}
        />
        <WarningText>{t(correction ? S.resubmitWarning : S.submitWarning)}</WarningText>
        <Button>{t(correction ? S.resubmitButton : S.submitButton)}</Button>
      </Form>
    </AuthorPage>
  );
}

/** After submission (or resubmission): the number, and what happens next. */
export function SubmittedView(props: { draft: DraftContext; resubmitted: boolean }) {
  const t = useT();
  const { locale } = usePage();
  const { project, edition } = props.draft;
  const formal = edition.phases.find((p) => p.phase === 'formal_review');
  const title = t(props.resubmitted ? S.resubmittedTitle : S.submittedTitle);
  return (
    <Layout title={`${title}: ${project.title}`} section="budget" breadcrumbs={authorCrumbs()}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel title={title}>
            {t(S.numberIs)}
            <br />
            <strong>{project.number}</strong>
          </Panel>
          <p class="govuk-body">
            {locale === 'pl' ? `„${project.title}”` : `“${project.title}”`} — {edition.name}
          </p>
          <h2 class="govuk-heading-m">{t(S.nextHeading)}</h2>
          {props.resubmitted ? (
            <p class="govuk-body">{t(S.nextResubmitted)}</p>
          ) : (
            <>
              <p class="govuk-body">
                {t(S.nextFormal, {
                  when: formal
                    ? t(S.nextFormalWhen, { start: formatDate(locale, formal.startsAt), end: formatDate(locale, new Date(formal.endsAt.getTime() - 1)) })
                    : '',
                })}
              </p>
              <p class="govuk-body">{t(S.nextCorrection, { n: edition.rules.correctionDays })}</p>
            </>
          )}
          <p class="govuk-body">
            {t(S.nextMine)}{' '}
            <a class="govuk-link" href={MY_PROJECTS}>
              {t(S.myProjects)}
            </a>
            .
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/projects/${project.id}`}>
              {t(S.viewProject)}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
