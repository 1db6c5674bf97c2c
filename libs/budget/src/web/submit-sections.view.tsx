import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import {
  Button,
  Choices,
  DateText,
  fieldId,
  Form,
  formatMoney,
  fileSize,
  Select,
  Textarea,
  TextInput,
  usePage,
  useT,
  W,
  type FieldLabels,
  type FormErrors,
  type FormState,
} from '@civitas/web';
import type { Invitation } from '../authors.service';
import { AuthorPage, authorCrumbs, poolFacts, rangeText, tasksPath, type DraftContext } from './submit-page.view';
import { costCheck, requiredFields } from './submit.model';
import { INVITATION_STATUS, S, SECTION_NAMES } from './submit.texts';

export const BASICS_FIELDS: FieldLabels = { title: S.title, poolId: S.pool, categoryId: S.category, areaId: S.area };
export const DESCRIPTION_FIELDS: FieldLabels = {
  summary: S.summary,
  description: S.description,
  justification: S.justification,
  beneficiaries: S.beneficiaries,
};
export const LOCATION_FIELDS: FieldLabels = { address: S.address, latitude: S.latitude, longitude: S.longitude };
export const UPLOAD_FIELDS: FieldLabels = { file: S.file, name: S.file, kind: S.kindLegend };
export const INVITE_FIELDS: FieldLabels = { email: S.inviteEmail };

/** The labels of the cost rows as the messages name them ("Opis pozycji 2"). */
export function costLabels(rows: number): FieldLabels {
  const labels: FieldLabels = { costItems: S.costItemsKey };
  for (let i = 0; i < rows; i++) {
    labels[`costItems.${i}.description`] = fill(S.itemDescriptionOf, i + 1);
    labels[`costItems.${i}.amount`] = fill(S.itemAmountOf, i + 1);
  }
  return labels;
}

const fill = (text: Text, n: number): Text => ({ pl: text.pl.replace('{n}', String(n)), en: text.en.replace('{n}', String(n)) });

/** A section's page: the caption (the project), the section's name as h1, the form, and the way back without saving. */
function SectionPage(props: { draft: DraftContext; section: keyof typeof SECTION_NAMES; errors?: FormErrors; wide?: boolean; children: ComponentChildren }) {
  const t = useT();
  const { project } = props.draft;
  return (
    <AuthorPage
      title={t(SECTION_NAMES[props.section])}
      docTitle={`${t(SECTION_NAMES[props.section])}: ${project.title}`}
      caption={project.title}
      crumbs={authorCrumbs(project)}
      errors={props.errors}
      wide={props.wide}
    >
      {props.children}
    </AuthorPage>
  );
}

function SaveOrCancel(props: { projectId: string; label?: string }) {
  const t = useT();
  return (
    <div class="govuk-button-group">
      <Button name="action" value="save">
        {props.label ?? t(S.saveButton)}
      </Button>
      <a class="govuk-link" href={tasksPath(props.projectId)}>
        {t(S.cancel)}
      </a>
    </div>
  );
}

export function BasicsView(props: { draft: DraftContext; form: FormState; areas: Array<{ id: string; name: string }> }) {
  const t = useT();
  const { locale } = usePage();
  const { project, edition } = props.draft;
  const required = requiredFields({ rules: edition.rules, pool: props.draft.pool });
  return (
    <SectionPage draft={props.draft} section="basics" errors={props.form.errors}>
      <Form action={`${tasksPath(project.id)}/basics`}>
        <TextInput name="title" label={S.title} hint={S.titleHint} form={props.form} maxlength={200} />
        <Choices
          type="radio"
          name="poolId"
          legend={S.poolLegend}
          hint={S.poolHint}
          form={props.form}
          legendSize="m"
          choices={edition.pools.map((p) => ({ value: p.id, label: p.name, hint: poolFacts(locale, p, t) }))}
        />
        <Select
          name="categoryId"
          label={S.category}
          optional={!required.has('category')}
          form={props.form}
          choices={[{ value: '', label: S.categoryNone }, ...edition.categories.map((c) => ({ value: c.id, label: locale === 'pl' ? c.namePl : c.nameEn }))]}
        />
        <Select
          name="areaId"
          label={S.area}
          hint={S.areaHint}
          optional={!required.has('area')}
          form={props.form}
          choices={[{ value: '', label: S.areaNone }, ...props.areas.map((a) => ({ value: a.id, label: a.name }))]}
        />
        <SaveOrCancel projectId={project.id} />
      </Form>
    </SectionPage>
  );
}

export function DescriptionView(props: { draft: DraftContext; form: FormState }) {
  const { project, edition } = props.draft;
  const required = requiredFields({ rules: edition.rules, pool: props.draft.pool });
  return (
    <SectionPage draft={props.draft} section="description" errors={props.form.errors}>
      <Form action={`${tasksPath(project.id)}/description`}>
        <Textarea name="summary" label={S.summary} hint={S.summaryHint} optional={!required.has('summary')} form={props.form} maxlength={1000} rows={3} />
        <Textarea
          name="description"
          label={S.description}
          hint={S.descriptionHint}
          optional={!required.has('description')}
          form={props.form}
          maxlength={20000}
          rows={8}
        />
        <Textarea
          name="justification"
          label={S.justification}
          hint={S.justificationHint}
          optional={!required.has('justification')}
          form={props.form}
          maxlength={10000}
          rows={5}
        />
        <Textarea
          name="beneficiaries"
          label={S.beneficiaries}
          hint={S.beneficiariesHint}
          optional={!required.has('beneficiaries')}
          form={props.form}
          maxlength={5000}
          rows={3}
        />
        <SaveOrCancel projectId={project.id} />
      </Form>
    </SectionPage>
  );
}

export function LocationView(props: { draft: DraftContext; form: FormState }) {
  const t = useT();
  const { project, edition } = props.draft;
  const required = requiredFields({ rules: edition.rules, pool: props.draft.pool });
  const coordinatesError = props.form.errors.for('latitude') ?? props.form.errors.for('longitude');
  return (
    <SectionPage draft={props.draft} section="location" errors={props.form.errors}>
      <Form action={`${tasksPath(project.id)}/location`}>
        <TextInput name="address" label={S.address} hint={S.addressHint} optional={!required.has('address')} form={props.form} maxlength={500} />
        <div class={`govuk-form-group${coordinatesError ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset" aria-describedby="coordinates-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
              {t(S.coordinates)}
              {required.has('coordinates') ? '' : ` ${t(W.optional)}`}
            </legend>
            <div id="coordinates-hint" class="govuk-hint">
              {t(S.coordinatesHint)}
            </div>
            <TextInput name="latitude" label={S.latitude} form={props.form} inputmode="decimal" spellcheck={false} width="10" />
            <TextInput name="longitude" label={S.longitude} form={props.form} inputmode="decimal" spellcheck={false} width="10" />
          </fieldset>
        </div>
        <SaveOrCancel projectId={project.id} />
      </Form>
    </SectionPage>
  );
}

export interface CostRow {
  description: string;
  amount: string;
}

function AmountInput(props: { index: number; value: string; error: string | undefined }) {
  const t = useT();
  const name = `costItems.${props.index}.amount`;
  const id = fieldId(name);
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {t(S.itemAmount)}
      </label>
      {props.error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{t(W.errorPrefix)}</span> {props.error}
        </p>
      ) : null}
      <div class="govuk-input__wrapper">
        <input
          class={`govuk-input govuk-input--width-10${props.error ? ' govuk-input--error' : ''}`}
          id={id}
          name={name}
          type="text"
          inputmode="decimal"
          spellcheck={false}
          autocomplete="off"
          value={props.value}
          aria-describedby={props.error ? `${id}-error` : undefined}
          data-cost-amount=""
        />
        <div class="govuk-input__suffix" aria-hidden="true">
          zł
        </div>
      </div>
    </div>
  );
}

/** Most cost items a project may have (the API's limit). */
export const MAX_COST_ITEMS = 100;

/**
 * The cost breakdown: one fieldset per item (description and amount in złoty), "remove" per item, "add an item",
 * and the total — computed as one types by a small script, and by the server on "Recalculate" without JavaScript.
 * Nothing is saved until "Save".
 */
export function CostsView(props: { draft: DraftContext; rows: CostRow[]; errors: FormErrors; total: number }) {
  const t = useT();
  const { locale } = usePage();
  const { project, pool } = props.draft;
  const values: FormState['values'] = {};
  props.rows.forEach((r, i) => {
    values[`costItems.${i}.description`] = r.description;
    values[`costItems.${i}.amount`] = r.amount;
  });
  const form: FormState = { values, errors: props.errors };
  const check = costCheck(props.total, pool);
  return (
    <SectionPage draft={props.draft} section="costs" errors={props.errors}>
      <p class="govuk-body">{t(S.costsLead)}</p>
      {pool ? <p class="govuk-body">{t(S.costsLimits, { pool: pool.name, range: rangeText(locale, pool, t) })}</p> : null}
      <Form action={`${tasksPath(project.id)}/costs`}>
        {/* Enter in a field saves (the first submit button of a form is its default); the visible buttons follow. */}
        <button type="submit" name="action" value="save" class="govuk-visually-hidden" tabindex={-1} aria-hidden="true">
          {t(S.saveDefault)}
        </button>
        {props.rows.length === 0 ? <p class="govuk-body">{t(S.noItems)}</p> : null}
        {props.rows.map((r, i) => (
          <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(S.item, { n: i + 1 })}</legend>
            <TextInput name={`costItems.${i}.description`} label={S.itemDescription} form={form} maxlength={300} />
            <AmountInput index={i} value={r.amount} error={props.errors.for(`costItems.${i}.amount`)} />
            <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" name="action" value={`remove-${i}`}>
              {t(S.removeItem, { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        {props.rows.length < MAX_COST_ITEMS ? (
          <div class="govuk-button-group">
            <Button variant="secondary" name="action" value="add">
              {t(S.addItem)}
            </Button>
          </div>
        ) : null}
        <div class="govuk-form-group">
          <p class="govuk-heading-m govuk-!-margin-bottom-1" aria-live="polite" aria-atomic="true">
            {t(S.total)}: <span data-cost-total="">{formatMoney(locale, props.total)}</span>
          </p>
          {props.total > 0 && pool && !check.within ? <p class="govuk-body govuk-!-font-weight-bold">{t(S.totalOutside)}</p> : null}
          <p class="govuk-hint">{t(S.totalHint)}</p>
          <Button variant="secondary" name="action" value="recalculate">
            {t(S.recalculate)}
          </Button>
        </div>
        <SaveOrCancel projectId={project.id} />
      </Form>
    </SectionPage>
  );
}

/** The project's files (each with its own "remove" form) and the upload form (multipart). */
export function AttachmentsView(props: { draft: DraftContext; form: FormState }) {
  const t = useT();
  const page = usePage();
  const { project } = props.draft;
  const error = props.form.errors.for('file');
  const kind = typeof props.form.values.kind === 'string' ? props.form.values.kind : 'document';
  return (
    <SectionPage draft={props.draft} section="attachments" errors={props.form.errors}>
      <p class="govuk-body">{t(S.attachmentsLead)}</p>
      <h2 class="govuk-heading-m">{t(S.filesHeading)}</h2>
      {project.attachments.length === 0 ? (
        <p class="govuk-body">{t(S.noFiles)}</p>
      ) : (
        <table class="govuk-table">
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(S.fileName)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(S.fileKind)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(S.fileAction)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {project.attachments.map((a) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell govuk-!-text-break-word">
                  <a class="govuk-link" href={`/api/v1/projects/${project.id}/attachments/${a.id}`} download={a.fileName}>
                    {a.fileName}
                  </a>{' '}
                  ({fileSize(page.locale, a.size)})
                </td>
                <td class="govuk-table__cell">{t(a.kind === 'document' ? S.kindDocument : S.kindSupport)}</td>
                <td class="govuk-table__cell">
                  <Form action={`${tasksPath(project.id)}/attachments/${a.id}/remove`}>
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                      {t(S.removeFile)}
                      <span class="govuk-visually-hidden"> {a.fileName}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 class="govuk-heading-m">{t(S.uploadHeading)}</h2>
      <form method="post" action={`${tasksPath(project.id)}/attachments`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={page.csrfToken()} />
        <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label govuk-label--s" for="file">
            {t(S.file)}
          </label>
          <div id="file-hint" class="govuk-hint">
            {t(S.fileHint)}
          </div>
          {error ? (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{t(W.errorPrefix)}</span> {error}
            </p>
          ) : null}
          <input
            class={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
            id="file"
            name="file"
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <Choices
          type="radio"
          name="kind"
          legend={S.kindLegend}
          form={{ values: { kind }, errors: props.form.errors }}
          small
          choices={[
            { value: 'document', label: S.kindDocument, hint: S.kindDocumentHint },
            { value: 'support_list', label: S.kindSupport, hint: S.kindSupportHint },
          ]}
        />
        <div class="govuk-button-group">
          <Button>{t(S.uploadButton)}</Button>
          <a class="govuk-link" href={tasksPath(project.id)}>
            {t(S.backToApplication)}
          </a>
        </div>
      </form>
    </SectionPage>
  );
}

/** The authors, the invitations (withdrawn by the main author) and the invitation form (main author). */
export function AuthorsView(props: { draft: DraftContext; invitations: Invitation[]; form: FormState }) {
  const t = useT();
  const { project, edition, role } = props.draft;
  return (
    <SectionPage draft={props.draft} section="authors" errors={props.form.errors}>
      <p class="govuk-body">{t(S.authorsLead, { max: edition.rules.maxAuthors })}</p>
      <h2 class="govuk-heading-m">{t(S.authorsHeading)}</h2>
      <ul class="govuk-list govuk-list--bullet">
        {project.authors.map((a) => (
          <li>
            {a.displayName} ({t(a.role === 'main' ? S.roleMain : S.roleCo)})
          </li>
        ))}
      </ul>
      <h2 class="govuk-heading-m">{t(S.invitationsHeading)}</h2>
      {props.invitations.length === 0 ? (
        <p class="govuk-body">{t(S.noInvitations)}</p>
      ) : (
        <ul class="govuk-list" id="invitations">
          {props.invitations.map((i) => (
            <li class="govuk-!-margin-bottom-4">
              <strong class="govuk-!-text-break-word">{i.email}</strong>
              <br />
              {t(INVITATION_STATUS[i.status])} · {t(S.invitationSent)} <DateText value={i.createdAt} />
              {role === 'main' && i.status === 'pending' ? (
                <Form action={`${tasksPath(project.id)}/authors/invitations/${i.id}/withdraw`}>
                  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0" data-module="govuk-button">
                    {t(S.withdraw)}
                    <span class="govuk-visually-hidden"> {t(S.withdrawHidden, { email: i.email })}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {role === 'main' ? (
        <>
          <h2 class="govuk-heading-m">{t(S.inviteHeading)}</h2>
          <Form action={`${tasksPath(project.id)}/authors`}>
            <TextInput name="email" label={S.inviteEmail} hint={S.inviteHint} form={props.form} type="email" autocomplete="off" spellcheck={false} />
            <Button>{t(S.inviteButton)}</Button>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{t(S.onlyMainInvites)}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={tasksPath(project.id)}>
          {t(S.backToApplication)}
        </a>
      </p>
    </SectionPage>
  );
}
