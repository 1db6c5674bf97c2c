import type { ComponentChildren } from 'preact';
import {
  Paragraphs,
  Button,
  Choices,
  Form,
  formatDate,
  formatMoney,
  SummaryList,
  Textarea,
  usePage,
  useT,
  WarningText,
  type FieldLabels,
  type FormState,
} from '@civitas/web';
import type { Invitation } from '../authors.service';
import type { CostProposal } from '../cost-corrections.service';
import type { Merge } from '../merges.service';
import type { CostItemInput, ProjectSummary, ProjectView } from '../projects.service';
import type { ReviewRecord } from '../reviews.service';
import { M } from './my-projects.texts';
import { AuthorPage, authorCrumbs, MY_PROJECTS, tasksPath } from './submit-page.view';
import { ReviewReasons } from './submit-tasks.view';
import { EDITABLE_STATUSES, statusIn } from '../project-status';
import { S } from './submit.texts';
import { StatusTag } from './budget-projects.view';

export type MyProject = ProjectSummary & { role: 'main' | 'co'; editionName: string };

/** Something that waits on the author, with the link to where it is done. */
export type Waiting =
  | { kind: 'correction'; project: MyProject; deadline: Date; reasons: string | null }
  | { kind: 'appeal'; project: MyProject; deadline: Date | null; reasons: string | null }
  | { kind: 'cost'; project: MyProject; proposal: CostProposal }
  | { kind: 'merge'; project: MyProject; merge: Merge; canDecide: boolean };

export const APPEAL_FIELDS: FieldLabels = { justification: M.justification };
export const ANSWER_FIELDS: FieldLabels = { accept: M.acceptLegend, response: M.response };
export const CONSENT_FIELDS: FieldLabels = { consent: M.consentLegend };

function projectHref(p: { id: string; status: string }): string {
  return statusIn(p.status, EDITABLE_STATUSES) ? tasksPath(p.id) : `/projects/${p.id}`;
}

function WaitingItem(props: { item: Waiting }) {
  const t = useT();
  const { locale } = usePage();
  const w = props.item;
  const title = w.project.title;
  let heading: string;
  let href: string;
  let action: string;
  let reasons: string | null = null;
  switch (w.kind) {
    case 'correction':
      heading = t(M.correctionTask, { title, date: formatDate(locale, w.deadline) });
      href = tasksPath(w.project.id);
      action = t(M.correctionAction);
      reasons = w.reasons;
      break;
    case 'appeal':
      heading = w.deadline ? t(M.appealTask, { title, date: formatDate(locale, w.deadline) }) : t(M.appealTaskPhase, { title });
      href = `/projects/${w.project.id}/appeal`;
      action = t(M.appealAction);
      reasons = w.reasons;
      break;
    case 'cost':
      heading = t(M.costTask, { title, from: formatMoney(locale, w.proposal.previousTotal), to: formatMoney(locale, w.proposal.total) });
      href = `/projects/${w.project.id}/cost-proposals/${w.proposal.id}`;
      action = t(M.costAction);
      break;
    case 'merge':
      heading = t(M.mergeTask, { title });
      href = `/projects/${w.project.id}/merges/${w.merge.id}`;
      action = t(w.canDecide ? M.mergeAction : M.mergeRead);
      break;
  }
  return (
    <li class="govuk-!-margin-bottom-6">
      <h3 class="govuk-heading-s govuk-!-margin-bottom-2">{heading}</h3>
      {reasons ? (
        <p class="govuk-body govuk-!-margin-bottom-2">
          {t(M.reasonsShort)} {reasons}
        </p>
      ) : null}
      <a class="govuk-link" href={href}>
        {action}
        <span class="govuk-visually-hidden">{t(M.hiddenProject, { title })}</span>
      </a>
    </li>
  );
}

/** "My projects": invitations, what waits on the author, and every project with its status. */
export function MyProjectsView(props: {
  projects: MyProject[];
  waiting: Waiting[];
  invitations: Array<Invitation & { title: string }>;
  open: Array<{ id: string; name: string; endsAt: Date }>;
}) {
  const t = useT();
  const { locale } = usePage();
  return (
    <AuthorPage title={t(M.title)} crumbs={[{ href: '/budget', text: S.budget }]}>
      <p class="govuk-body">{t(M.lead)}</p>
      {props.open.length ? (
        <ul class="govuk-list">
          {props.open.map((e) => (
            <li>
              <a class="govuk-link" href={`/budget/${e.id}/submit`}>
                {t(M.submitIn, { edition: e.name, date: formatDate(locale, new Date(e.endsAt.getTime() - 1)) })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}

      {props.invitations.length ? (
        <>
          <h2 class="govuk-heading-m">{t(M.invitationsHeading)}</h2>
          <ul class="govuk-list">
            {props.invitations.map((i) => (
              <li class="govuk-!-margin-bottom-4">
                <h3 class="govuk-heading-s govuk-!-margin-bottom-2">{t(M.invitationTask, { title: i.title })}</h3>
                <a class="govuk-link" href={`/projects/${i.projectId}/invitation`}>
                  {t(M.answerInvitation)}
                  <span class="govuk-visually-hidden">{t(M.hiddenProject, { title: i.title })}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 class="govuk-heading-m">{t(M.waitingHeading)}</h2>
      {props.waiting.length ? (
        <ul class="govuk-list">
          {props.waiting.map((w) => (
            <WaitingItem item={w} />
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(M.nothingWaiting)}</p>
      )}

      <h2 class="govuk-heading-m">{t(M.allHeading)}</h2>
      {props.projects.length === 0 ? <p class="govuk-body">{t(M.empty)}</p> : null}
      {props.projects.map((p) => (
        <div class="govuk-summary-card">
          <div class="govuk-summary-card__title-wrapper">
            <h3 class="govuk-summary-card__title govuk-!-text-break-word">{p.title}</h3>
            <ul class="govuk-summary-card__actions">
              <li class="govuk-summary-card__action">
                <a class="govuk-link" href={projectHref(p)}>
                  {t(statusIn(p.status, EDITABLE_STATUSES) ? M.continueDraft : M.viewProject)}
                  <span class="govuk-visually-hidden">{t(M.hiddenProject, { title: p.title })}</span>
                </a>
              </li>
            </ul>
          </div>
          <div class="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: M.status, value: <StatusTag status={p.status} /> },
                { key: M.edition, value: p.editionName },
                ...(p.number !== null ? [{ key: M.number, value: String(p.number) }] : []),
                { key: M.cost, value: formatMoney(locale, p.totalCost) },
                { key: M.role, value: t(p.role === 'main' ? M.roleMain : M.roleCo) },
              ]}
            />
          </div>
        </div>
      ))}
    </AuthorPage>
  );
}

const actionCrumbs = (project: { id: string; title: string; status: string }) => [...authorCrumbs(), { href: projectHref(project), text: project.title }];

function CostTable(props: { caption: string; items: CostItemInput[]; total: number }) {
  const t = useT();
  const { locale } = usePage();
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t(M.item)}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {t(M.amount)}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.items.map((i) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell govuk-!-text-break-word">{i.description}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{formatMoney(locale, i.amount)}</td>
          </tr>
        ))}
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">
            {t(M.totalRow)}
          </th>
          <td class="govuk-table__cell govuk-table__cell--numeric">
            <strong>{formatMoney(locale, props.total)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function BackLink() {
  const t = useT();
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={MY_PROJECTS}>
        {t(M.back)}
      </a>
    </p>
  );
}

export function AppealView(props: { project: ProjectView; review: ReviewRecord | null; reason: string | null; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const p = props.project;
  return (
    <AuthorPage title={t(M.appealTitle)} docTitle={`${t(M.appealTitle)}: ${p.title}`} caption={p.title} crumbs={actionCrumbs(p)} errors={props.form.errors}>
      <p class="govuk-body">{t(M.appealLead)}</p>
      {p.appealDeadline ? <p class="govuk-body">{t(M.appealDeadline, { date: formatDate(locale, p.appealDeadline) })}</p> : null}
      <h2 class="govuk-heading-m">{t(M.decisionHeading)}</h2>
      <ReviewReasons review={props.review} fallback={props.reason} />
      <Form action={`/projects/${p.id}/appeal`}>
        <Textarea name="justification" label={M.justification} hint={M.justificationHint} form={props.form} maxlength={10000} rows={8} />
        <WarningText>{t(M.appealWarning)}</WarningText>
        <Button>{t(M.appealButton)}</Button>
      </Form>
      <BackLink />
    </AuthorPage>
  );
}

export function CostProposalView(props: { project: ProjectView; proposal: CostProposal; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const { project: p, proposal } = props;
  return (
    <AuthorPage title={t(M.costTitle)} docTitle={`${t(M.costTitle)}: ${p.title}`} caption={p.title} crumbs={actionCrumbs(p)} errors={props.form.errors}>
      <p class="govuk-body">{t(M.costLead)}</p>
      <h2 class="govuk-heading-m">{t(M.officialReasons)}</h2>
      <Paragraphs text={proposal.justification} />
      <CostTable caption={t(M.currentCosts)} items={p.costItems} total={p.totalCost} />
      <CostTable caption={t(M.proposedCosts)} items={proposal.items} total={proposal.total} />
      <Form action={`/projects/${p.id}/cost-proposals/${proposal.id}`}>
        <Choices
          type="radio"
          name="accept"
          legend={M.acceptLegend}
          legendSize="m"
          form={props.form}
          choices={[
            { value: 'true', label: M.acceptYes },
            { value: 'false', label: M.acceptNo },
          ]}
        />
        <Textarea name="response" label={M.response} hint={M.responseHint} optional form={props.form} maxlength={5000} rows={4} />
        <WarningText>{t(M.costWarning, { to: formatMoney(locale, proposal.total) })}</WarningText>
        <Button>{t(M.answerButton)}</Button>
      </Form>
      <BackLink />
    </AuthorPage>
  );
}

export function MergeView(props: { project: ProjectView; merge: Merge; titles: Map<string, string>; canDecide: boolean; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const { project: p, merge } = props;
  const all = [merge.targetId, ...merge.sourceIds];
  const name = (id: string) => props.titles.get(id) ?? id;
  let decide: ComponentChildren;
  if (merge.status !== 'pending') decide = <p class="govuk-body">{t(M.mergeClosed)}</p>;
  else if (!props.canDecide) decide = <p class="govuk-body">{t(M.onlyMainConsents)}</p>;
  else {
    decide = (
      <Form action={`/projects/${p.id}/merges/${merge.id}`}>
        <Choices
          type="radio"
          name="consent"
          legend={M.consentLegend}
          legendSize="m"
          form={props.form}
          choices={[
            { value: 'true', label: M.consentAgree },
            { value: 'false', label: M.consentRefuse },
          ]}
        />
        <WarningText>{t(M.mergeWarning, { target: merge.title ?? name(merge.targetId) })}</WarningText>
        <Button>{t(M.consentButton)}</Button>
      </Form>
    );
  }
  return (
    <AuthorPage title={t(M.mergeTitle)} docTitle={`${t(M.mergeTitle)}: ${p.title}`} caption={p.title} crumbs={actionCrumbs(p)} errors={props.form.errors}>
      <p class="govuk-body">{t(M.mergeLead)}</p>
      <h2 class="govuk-heading-m">{t(M.officialReasons)}</h2>
      <Paragraphs text={merge.justification} />
      <h2 class="govuk-heading-m">{t(M.mergeProjects)}</h2>
      <SummaryList
        rows={[
          ...all.map((id) => ({
            key: name(id),
            value: t(id === merge.targetId ? M.mergeContinues : M.mergeJoins),
          })),
          ...(merge.title ? [{ key: M.mergeNewTitle, value: merge.title }] : []),
          ...(merge.summary ? [{ key: M.mergeNewSummary, value: merge.summary }] : []),
          ...(merge.costItems
            ? [
                {
                  key: M.mergeNewCost,
                  value: formatMoney(
                    locale,
                    merge.costItems.reduce((s, i) => s + i.amount, 0),
                  ),
                },
              ]
            : []),
        ]}
      />
      <h2 class="govuk-heading-m">{t(M.mergeConsents)}</h2>
      <SummaryList
        rows={merge.consents.map((c) => ({
          key: name(c.projectId),
          value: t(c.consent === null ? M.consentPending : c.consent ? M.consentYes : M.consentNo),
        }))}
      />
      {decide}
      <BackLink />
    </AuthorPage>
  );
}

export function InvitationView(props: { project: ProjectView; editionName: string; verified: boolean }) {
  const t = useT();
  const p = props.project;
  return (
    <AuthorPage title={t(M.invitationTitle)} docTitle={`${t(M.invitationTitle)}: ${p.title}`} caption={p.title} crumbs={authorCrumbs()}>
      <p class="govuk-body">{t(M.invitationLead, { title: p.title })}</p>
      <SummaryList
        rows={[
          { key: M.edition, value: props.editionName },
          { key: M.status, value: <StatusTag status={p.status} /> },
          { key: M.authors, value: p.authors.map((a) => a.displayName).join(', ') },
          ...(p.summary ? [{ key: M.summary, value: p.summary }] : []),
        ]}
      />
      {props.verified ? null : <WarningText>{t(M.notVerified)}</WarningText>}
      <WarningText>{t(M.invitationWarning)}</WarningText>
      <div class="govuk-button-group">
        <Form action={`/projects/${p.id}/invitation/accept`} class="govuk-!-display-inline-block govuk-!-margin-right-3">
          <Button>{t(M.accept)}</Button>
        </Form>
        <Form action={`/projects/${p.id}/invitation/decline`} class="govuk-!-display-inline-block">
          <Button variant="secondary">{t(M.decline)}</Button>
        </Form>
      </div>
      <BackLink />
    </AuthorPage>
  );
}
