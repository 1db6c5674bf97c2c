import type { ComponentChildren } from 'preact';
import { format, type Text } from '@civitas/common';
import {
  Button,
  Choices,
  DeskLayout,
  Form,
  Paragraphs,
  Tag,
  TextInput,
  Textarea,
  fileSize,
  formatDate,
  formatMoney,
  useT,
  usePage,
  W,
  type Choice,
  type FieldLabels,
  type FormState,
} from '@civitas/web';
import type { CostProposal } from '../cost-corrections.service';
import type { ImplementationStatus, ImplementationTimeline } from '../implementation.service';
import type { ProjectView } from '../projects.service';
import { OUT_OF_RUNNING_STATUSES, statusIn, SUPPORT_COUNTED_STATUSES, UNDER_REVIEW_STATUSES } from '../project-status';
import type { SupportListView } from '../attachments.service';
import { BD } from './budget-desk.texts';
import { PA } from './project-acts-desk.texts';
import { budgetDeskCrumbs, REVIEWS_PATH } from './reviews-desk.views';

export const reviewPath = (id: string) => `/desk/budget/projects/${id}/review`;
export const actPath = (id: string, act: 'costs' | 'support-lists' | 'merge' | 'exclusions' | 'implementation') => `/desk/budget/projects/${id}/${act}`;
export const IMPLEMENTATION_PATH = '/desk/budget/implementation';

export const STATE_NAMES: Record<ImplementationStatus, Text> = {
  planned: PA.planned,
  implementing: PA.implementing,
  implemented: PA.implemented,
  abandoned: PA.abandoned,
};

const textOf = (template: Text, params: Record<string, string | number>): Text => ({ pl: format(template.pl, params), en: format(template.en, params) });

const projectCaption = (p: Pick<ProjectView, 'number' | 'title'>) => `${p.number !== null ? `${p.number}. ` : ''}${p.title}`;

/** The frame of a project's act page: the project as caption, crumbs through the review page, a link back. */
function ActPage(props: { project: ProjectView; title: Text; form?: FormState; children: ComponentChildren; implementation?: boolean }) {
  const t = useT();
  const p = props.project;
  const crumbs = props.implementation
    ? budgetDeskCrumbs({ href: IMPLEMENTATION_PATH, text: PA.implementationListTitle })
    : budgetDeskCrumbs({ href: REVIEWS_PATH, text: BD.reviewsTitle }, { href: reviewPath(p.id), text: BD.reviewTitle });
  return (
    <DeskLayout
      title={t(props.title)}
      caption={projectCaption(p)}
      area="budget"
      breadcrumbs={crumbs}
      errors={props.form?.errors.any ? props.form.errors : undefined}
    >
      {props.children}
      {props.implementation ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/projects/${p.id}`}>
            {t(PA.publicTimeline)}
          </a>
        </p>
      ) : (
        <p class="govuk-body">
          <a class="govuk-link" href={reviewPath(p.id)}>
            {t(PA.backToReview)}
          </a>
        </p>
      )}
    </DeskLayout>
  );
}

/** The links from a project's review page to the other acts, those its status allows. */
export function actLinks(p: Pick<ProjectView, 'id' | 'status'>): Array<[string, Text]> {
  const links: Array<[string, Text]> = [];
  if (statusIn(p.status, UNDER_REVIEW_STATUSES)) links.push([actPath(p.id, 'costs'), PA.actCosts]);
  if (statusIn(p.status, SUPPORT_COUNTED_STATUSES)) links.push([actPath(p.id, 'support-lists'), PA.actSupport]);
  if (statusIn(p.status, UNDER_REVIEW_STATUSES)) links.push([actPath(p.id, 'merge'), PA.actMerge]);
  if (mayBeExclusive(p.status)) links.push([actPath(p.id, 'exclusions'), PA.actExclusions]);
  if (p.status === 'selected') links.push([actPath(p.id, 'implementation'), PA.actImplementation]);
  return links;
}

export function ActLinks(props: { project: ProjectView }) {
  const t = useT();
  const links = actLinks(props.project);
  return (
    <ul class="govuk-list">
      {links.map(([href, text]) => (
        <li>
          <a class="govuk-link" href={href}>
            {t(text)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Whether a project may be in a group of mutually exclusive projects (as MergesService decides). */
export function mayBeExclusive(status: string): boolean {
  return status !== 'draft' && !statusIn(status, OUT_OF_RUNNING_STATUSES);
}

// ---- Cost corrections ----

export interface CostRow {
  description: string;
  amount: string;
}

export function costLabels(rows: number): FieldLabels {
  const labels: FieldLabels = {};
  for (let i = 0; i < rows; i++) {
    labels[`costItems.${i}.description`] = textOf(PA.itemDescription, {});
    labels[`costItems.${i}.amount`] = textOf(PA.itemAmount, {});
  }
  labels.costItems = PA.costItems;
  labels.justification = PA.costJustification;
  return labels;
}

function proposalState(s: CostProposal['status']): Text {
  return s === 'pending' ? PA.proposalPending : s === 'accepted' ? PA.proposalAccepted : PA.proposalRefused;
}

export function CostsView(props: { project: ProjectView; rows: CostRow[]; form: FormState; proposals: CostProposal[] }) {
  const t = useT();
  const { locale } = usePage();
  const p = props.project;
  const values: FormState['values'] = { justification: props.form.values.justification };
  props.rows.forEach((r, i) => {
    values[`costItems.${i}.description`] = r.description;
    values[`costItems.${i}.amount`] = r.amount;
  });
  const form: FormState = { values, errors: props.form.errors };
  return (
    <ActPage project={p} title={PA.costsTitle} form={props.form}>
      <p class="govuk-body">{t(PA.costsLead)}</p>
      <p class="govuk-body">{t(PA.currentTotal, { total: formatMoney(locale, p.totalCost) })}</p>
      <Form action={actPath(p.id, 'costs')}>
        {/* Enter in a field proposes (the first submit button of a form is its default). */}
        <button type="submit" name="action" value="save" class="govuk-visually-hidden" tabindex={-1} aria-hidden="true">
          {t(PA.propose)}
        </button>
        {props.rows.map((_, i) => (
          <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(PA.item, { n: i + 1 })}</legend>
            <TextInput name={`costItems.${i}.description`} label={PA.itemDescription} form={form} maxlength={300} />
            <TextInput name={`costItems.${i}.amount`} label={PA.itemAmount} hint={PA.itemAmountHint} form={form} inputmode="decimal" width="10" />
          </fieldset>
        ))}
        <div class="govuk-button-group">
          <Button variant="secondary" name="action" value="add">
            {t(PA.addItem)}
          </Button>
        </div>
        <Textarea name="justification" label={PA.costJustification} form={form} rows={4} />
        <Button name="action" value="save">
          {t(PA.propose)}
        </Button>
      </Form>
      <h2 class="govuk-heading-m">{t(PA.proposalsHeading)}</h2>
      {props.proposals.length ? (
        <ul class="govuk-list govuk-list--spaced">
          {props.proposals.map((x) => (
            <li>
              {t(PA.proposalLine, {
                date: formatDate(locale, x.createdAt),
                previous: formatMoney(locale, x.previousTotal),
                total: formatMoney(locale, x.total),
              })}{' '}
              <Tag colour={x.status === 'pending' ? 'yellow' : x.status === 'accepted' ? 'green' : 'red'}>{t(proposalState(x.status))}</Tag>
              <Paragraphs text={x.justification} />
              {x.response ? <p class="govuk-body">{t(PA.authorsResponse, { text: x.response })}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(BD.none)}</p>
      )}
    </ActPage>
  );
}

// ---- Paper support lists ----

export const SUPPORT_FIELDS: FieldLabels = { attachmentId: PA.listToCount, signatures: PA.signatures };

export function SupportListsView(props: { project: ProjectView; counted: SupportListView[]; form: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const p = props.project;
  const countedIds = new Set(props.counted.map((c) => c.attachmentId));
  const lists = p.attachments.filter((a) => a.kind === 'support_list');
  const open = lists.filter((a) => !countedIds.has(a.id));
  const nameOf = (id: string) => lists.find((a) => a.id === id)?.fileName ?? id;
  return (
    <ActPage project={p} title={PA.supportTitle} form={props.form}>
      <p class="govuk-body">{t(PA.supportLead)}</p>
      <p class="govuk-body">{t(PA.supportNow, { online: p.support.online, paper: p.support.paper, total: p.support.total, required: p.support.required })}</p>
      {open.length ? (
        <Form action={actPath(p.id, 'support-lists')}>
          <Choices
            type="radio"
            name="attachmentId"
            legend={PA.listToCount}
            legendSize="s"
            form={props.form}
            choices={open.map((a) => ({
              value: a.id,
              label: { pl: `${a.fileName} (${fileSize('pl', a.size)})`, en: `${a.fileName} (${fileSize('en', a.size)})` },
            }))}
          />
          <ul class="govuk-list">
            {open.map((a) => (
              <li>
                <a class="govuk-link" href={`/api/v1/projects/${p.id}/attachments/${a.id}`}>
                  {a.fileName}
                </a>
              </li>
            ))}
          </ul>
          <TextInput name="signatures" label={PA.signatures} form={props.form} inputmode="numeric" width="5" />
          <Button>{t(PA.enterSignatures)}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t(PA.noListsToCount)}</p>
      )}
      <h2 class="govuk-heading-m">{t(PA.countedHeading)}</h2>
      {props.counted.length ? (
        <ul class="govuk-list">
          {props.counted.map((c) => (
            <li>{t(PA.countedLine, { name: nameOf(c.attachmentId), n: c.signatures, date: formatDate(locale, c.enteredAt) })}</li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(BD.none)}</p>
      )}
    </ActPage>
  );
}

// ---- Merges ----

export const MERGE_FIELDS: FieldLabels = { projectIds: PA.mergeWith, title: PA.newTitle, justification: PA.mergeJustification };

export function MergeView(props: { project: ProjectView; candidates: Choice[]; form: FormState }) {
  const t = useT();
  const p = props.project;
  return (
    <ActPage project={p} title={PA.mergeTitle} form={props.form}>
      <p class="govuk-body">{t(PA.mergeLead)}</p>
      {props.candidates.length ? (
        <Form action={actPath(p.id, 'merge')}>
          <Choices type="checkbox" name="projectIds" legend={PA.mergeWith} legendSize="s" form={props.form} choices={props.candidates} />
          <TextInput name="title" label={PA.newTitle} hint={PA.newTitleHint} form={props.form} maxlength={200} />
          <Textarea name="justification" label={PA.mergeJustification} form={props.form} rows={4} />
          <Button>{t(PA.proposeMerge)}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t(PA.noCandidates)}</p>
      )}
    </ActPage>
  );
}

// ---- Exclusions ----

export const EXCLUSION_FIELDS: FieldLabels = { projectIds: PA.excludeWith, reason: PA.exclusionReason };

export function ExclusionsView(props: { project: ProjectView; candidates: Choice[]; titles: Map<string, string>; form: FormState }) {
  const t = useT();
  const page = usePage();
  const p = props.project;
  return (
    <ActPage project={p} title={PA.exclusionsTitle} form={props.form}>
      <p class="govuk-body">{t(PA.exclusionsLead)}</p>
      <h2 class="govuk-heading-m">{t(PA.groupsHeading)}</h2>
      {p.exclusiveWith.length ? (
        <ul class="govuk-list govuk-list--spaced">
          {p.exclusiveWith.map((g) => (
            <li>
              {t(PA.groupWith, {
                list: g.projectIds
                  .filter((x) => x !== p.id)
                  .map((x) => props.titles.get(x) ?? x)
                  .join('; '),
              })}
              <Paragraphs text={g.reason} />
              <form method="post" action={`${actPath(p.id, 'exclusions')}/${g.groupId}/remove`} novalidate>
                <input type="hidden" name="_csrf" value={page.csrfToken()} />
                <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                  {t(PA.removeGroup)}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(PA.noGroups)}</p>
      )}
      <h2 class="govuk-heading-m">{t(PA.newGroupHeading)}</h2>
      {props.candidates.length ? (
        <Form action={actPath(p.id, 'exclusions')} id="new-group">
          <Choices type="checkbox" name="projectIds" legend={PA.excludeWith} legendSize="s" form={props.form} choices={props.candidates} />
          <Textarea name="reason" label={PA.exclusionReason} form={props.form} rows={3} />
          <Button>{t(PA.createGroup)}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t(PA.noExclusionCandidates)}</p>
      )}
    </ActPage>
  );
}

// ---- Implementation ----

export const IMPLEMENTATION_FIELDS: FieldLabels = {
  status: PA.status,
  percent: PA.percent,
  note: PA.note,
  reason: PA.reason,
  happenedOn: PA.happenedOn,
};

export function ImplementationView(props: { project: ProjectView; timeline: ImplementationTimeline; form: FormState; photoError?: string }) {
  const t = useT();
  const page = usePage();
  const { locale } = page;
  const p = props.project;
  const tl = props.timeline;
  const ended = tl.status === 'implemented' || tl.status === 'abandoned';
  const latest = tl.updates[0];
  return (
    <ActPage project={p} title={PA.implementationTitle} form={props.form} implementation>
      <p class="govuk-body">{t(PA.stateNow, { state: t(STATE_NAMES[tl.status]), percent: tl.percent })}</p>
      <progress max={100} value={tl.percent} aria-label={t(PA.colPercent)}>
        {tl.percent}%
      </progress>
      <h2 class="govuk-heading-m">{t(PA.newUpdate)}</h2>
      {ended ? (
        <p class="govuk-body">{t(PA.finished)}</p>
      ) : (
        <Form action={actPath(p.id, 'implementation')}>
          <Choices
            type="radio"
            name="status"
            legend={PA.status}
            legendSize="s"
            form={props.form}
            choices={[
              { value: 'implementing', label: PA.implementing, hint: PA.statusImplementingHint },
              { value: 'implemented', label: PA.implemented, hint: PA.statusEndHint },
              { value: 'abandoned', label: PA.abandoned, hint: PA.statusEndHint },
            ]}
          />
          <TextInput name="percent" label={PA.percent} hint={PA.percentHint} form={props.form} inputmode="numeric" width="3" />
          <Textarea name="note" label={PA.note} form={props.form} rows={4} />
          <Textarea name="reason" label={PA.reason} form={props.form} rows={3} />
          <TextInput name="happenedOn" label={PA.happenedOn} hint={PA.happenedOnHint} form={props.form} width="10" />
          <Button>{t(PA.post)}</Button>
        </Form>
      )}
      {latest ? (
        <>
          <h2 class="govuk-heading-m">{t(PA.addPhotoHeading)}</h2>
          <form method="post" action={`${actPath(p.id, 'implementation')}/updates/${latest.id}/photos`} enctype="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value={page.csrfToken()} />
            <div class={`govuk-form-group${props.photoError ? ' govuk-form-group--error' : ''}`}>
              <label class="govuk-label" for="file">
                {t(PA.photoFile)}
              </label>
              {props.photoError ? (
                <p id="file-error" class="govuk-error-message">
                  <span class="govuk-visually-hidden">{t(W.errorPrefix)}</span> {props.photoError}
                </p>
              ) : null}
              <input
                class={`govuk-file-upload${props.photoError ? ' govuk-file-upload--error' : ''}`}
                id="file"
                name="file"
                type="file"
                accept=".png,.jpg,.jpeg,image/png,image/jpeg"
                aria-describedby={props.photoError ? 'file-error' : undefined}
              />
            </div>
            <Button variant="secondary">{t(PA.upload)}</Button>
          </form>
        </>
      ) : null}
      <h2 class="govuk-heading-m">{t(PA.updatesHeading)}</h2>
      {tl.updates.length ? (
        <ul class="govuk-list govuk-list--spaced">
          {tl.updates.map((u) => (
            <li>
              <strong>{t(PA.updateLine, { date: formatDate(locale, u.happenedOn), state: t(STATE_NAMES[u.status]), percent: u.percent })}</strong>
              <Paragraphs text={u.note} />
              {u.reason ? <Paragraphs text={u.reason} /> : null}
              {u.photos.length ? (
                <p class="govuk-body">
                  {t(PA.photos)}:{' '}
                  {u.photos.map((ph, i) => (
                    <>
                      {i ? ', ' : ''}
                      <a class="govuk-link" href={`/api/v1/projects/${p.id}/implementation/photos/${ph.id}`}>
                        {ph.fileName}
                      </a>
                    </>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{t(PA.noUpdates)}</p>
      )}
    </ActPage>
  );
}

export interface ImplementationRow {
  projectId: string;
  number: number | null;
  title: string;
  editionName: string;
  status: ImplementationStatus;
  percent: number;
  happenedOn: string | null;
}

/** The selected projects of the official's areas with their implementation state. */
export function ImplementationListView(props: { rows: ImplementationRow[] }) {
  const t = useT();
  const { locale } = usePage();
  return (
    <DeskLayout title={t(PA.implementationListTitle)} area="budget" breadcrumbs={budgetDeskCrumbs()}>
      <p class="govuk-body">{t(PA.implementationListLead)}</p>
      {props.rows.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(PA.implementationListTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(PA.project)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(PA.colState)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(PA.colPercent)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(PA.colLast)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.rows.map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={actPath(r.projectId, 'implementation')}>
                    {r.number !== null ? `${r.number}. ` : ''}
                    {r.title}
                  </a>
                  <br />
                  <span class="govuk-body-s">{r.editionName}</span>
                </th>
                <td class="govuk-table__cell">{t(STATE_NAMES[r.status])}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{r.percent}%</td>
                <td class="govuk-table__cell">{r.happenedOn ? formatDate(locale, r.happenedOn) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="govuk-body">{t(PA.noSelected)}</p>
      )}
    </DeskLayout>
  );
}
