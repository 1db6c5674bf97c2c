import type { ComponentChildren } from 'preact';
import type { Text } from '@civitas/common';
import { Button, Choices, DeskLayout, fieldId, fileSize, Form, formatDateTime, Select, Textarea, TextInput, usePage, useT, type FormState } from '@civitas/web';
import type { Consultation } from '../consultations.service';
import type { Meeting, Registrant } from '../meetings.service';
import { QUESTION_KINDS } from '../survey.service';
import { managePath } from './manage-desk.model';
import { MD } from './manage-desk.texts';
import { MP } from './manage-parts.texts';

const LIST = '/desk/consultations/list';
const n = (x: Text, i: number): Text => ({ pl: x.pl.replace('{n}', String(i + 1)), en: x.en.replace('{n}', String(i + 1)) });

function Frame(props: { c: Consultation; title: string; form?: FormState; children: ComponentChildren; extra?: Array<{ text: string; href: string }> }) {
  const t = useT();
  const c = props.c;
  return (
    <DeskLayout
      title={props.title}
      caption={c.title}
      area="consultations"
      breadcrumbs={[{ text: t(MD.listTitle), href: LIST }, { text: c.title, href: managePath(c.id) }, ...(props.extra ?? [])]}
      errors={props.form?.errors.any ? props.form.errors : undefined}
    >
      {props.children}
    </DeskLayout>
  );
}

function Back(props: { c: Consultation }) {
  const t = useT();
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={managePath(props.c.id)}>
        {t(MD.back)}
      </a>
    </p>
  );
}

/** One checkbox on its own (a yes/no field of a repeated row). */
function Checkbox(props: { name: string; label: Text; form: FormState }) {
  const t = useT();
  const id = fieldId(props.name);
  return (
    <div class="govuk-form-group">
      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id={id} name={props.name} type="checkbox" value="true" checked={props.form.values[props.name] === 'true'} />
          <label class="govuk-label govuk-checkboxes__label" for={id}>
            {t(props.label)}
          </label>
        </div>
      </div>
    </div>
  );
}

/** The survey builder: the questions as rows (a row more on "add"), each of any kind. */
export function SurveyFormView(props: { c: Consultation; form: FormState; rows: number; editable: boolean }) {
  const t = useT();
  const c = props.c;
  const rows = Array.from({ length: props.rows }, (_, i) => i);
  return (
    <Frame c={c} title={t(MP.surveyTitle)} form={props.form}>
      {props.editable ? (
        <>
          <p class="govuk-body">{t(MP.surveyLead)}</p>
          <Form action={`${managePath(c.id)}/survey`}>
            {rows.map((i) => (
              <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t(MP.questionN, { n: i + 1 })}</legend>
                <Select
                  name={`questions.${i}.kind`}
                  label={n(MP.kindOf, i)}
                  form={props.form}
                  choices={QUESTION_KINDS.map((k) => ({ value: k, label: MP[k] }))}
                />
                <Textarea name={`questions.${i}.prompt`} label={n(MP.promptOf, i)} form={props.form} rows={2} />
                <Checkbox name={`questions.${i}.required`} label={n(MP.requiredOf, i)} form={props.form} />
                <Textarea name={`questions.${i}.options`} label={n(MP.optionsOf, i)} hint={MP.optionsHint} form={props.form} rows={4} optional />
                <TextInput
                  name={`questions.${i}.scaleMin`}
                  label={n(MP.scaleMinOf, i)}
                  hint={MP.scaleHint}
                  form={props.form}
                  width="4"
                  inputmode="numeric"
                  optional
                />
                <TextInput name={`questions.${i}.scaleMax`} label={n(MP.scaleMaxOf, i)} form={props.form} width="4" inputmode="numeric" optional />
              </fieldset>
            ))}
            <div class="govuk-button-group">
              <Button>{t(MP.saveSurvey)}</Button>
              <Button variant="secondary" name="action" value="add">
                {t(MP.addQuestion)}
              </Button>
            </div>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{t(MP.surveyFrozen)}</p>
      )}
      <Back c={c} />
    </Frame>
  );
}

const meetingsPath = (id: string) => `${managePath(id)}/meetings`;

/** The meetings and points of a consultation, each a link to change it, and the way to add one. */
export function MeetingsListView(props: { c: Consultation; meetings: Meeting[]; editable: boolean }) {
  const t = useT();
  const { locale } = usePage();
  const c = props.c;
  return (
    <Frame c={c} title={t(MP.meetingsTitle)}>
      {props.editable ? (
        <p class="govuk-body">
          <a class="govuk-button" data-module="govuk-button" href={`${meetingsPath(c.id)}/new`}>
            {t(MP.addMeeting)}
          </a>
        </p>
      ) : null}
      {props.meetings.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(MP.meetingsTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(MP.meetingTitle)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MP.when)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MP.place)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(MP.registered)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.meetings.map((m) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {props.editable ? (
                    <a class="govuk-link" href={`${meetingsPath(c.id)}/${m.id}/edit`}>
                      {m.title}
                    </a>
                  ) : (
                    m.title
                  )}
                  <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{t(m.kind === 'point' ? MP.point : MP.meeting)}</span>
                </th>
                <td class="govuk-table__cell">
                  {formatDateTime(locale, m.startsAt)} – {formatDateTime(locale, m.endsAt)}
                </td>
                <td class="govuk-table__cell">{[m.place, m.onlineUrl].filter(Boolean).join(', ')}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">
                  {m.registered}
                  {m.capacity !== null ? ` / ${m.capacity}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="govuk-body">{t(MP.meetingsNone)}</p>
      )}
      <Back c={c} />
    </Frame>
  );
}

/** Add or change a meeting or point (every field of the API's DTO); removing it on its own form. */
export function MeetingFormView(props: { c: Consultation; meeting: Meeting | null; form: FormState; registrants?: Registrant[] }) {
  const t = useT();
  const { locale } = usePage();
  const c = props.c;
  const m = props.meeting;
  const form = props.form;
  const action = m ? `${meetingsPath(c.id)}/${m.id}/edit` : `${meetingsPath(c.id)}/new`;
  return (
    <Frame c={c} title={t(m ? MP.editMeetingTitle : MP.newMeetingTitle)} form={form} extra={[{ text: t(MP.meetingsTitle), href: meetingsPath(c.id) }]}>
      <Form action={action}>
        <Choices
          type="radio"
          name="kind"
          legend={MP.kind}
          form={form}
          small
          choices={[
            { value: 'meeting', label: MP.meeting },
            { value: 'point', label: MP.point },
          ]}
        />
        <TextInput name="title" label={MP.meetingTitle} form={form} width="full" />
        <TextInput name="place" label={MP.place} hint={MP.placeHint} form={form} width="full" optional />
        <TextInput name="onlineUrl" label={MP.onlineUrl} hint={MP.onlineUrlHint} form={form} width="full" type="url" optional />
        <TextInput name="startsAt" label={MP.startsAt} hint={MD.dateHint} form={form} width="10" />
        <TextInput name="endsAt" label={MP.endsAt} hint={MD.dateHint} form={form} width="10" />
        <TextInput name="capacity" label={MP.capacity} hint={MP.capacityHint} form={form} width="5" inputmode="numeric" optional />
        <TextInput name="latitude" label={MP.latitude} hint={MP.coordsHint} form={form} width="10" inputmode="decimal" optional />
        <TextInput name="longitude" label={MP.longitude} form={form} width="10" inputmode="decimal" optional />
        <Button>{t(MP.saveMeeting)}</Button>
      </Form>
      {m && props.registrants ? (
        <>
          <h2 class="govuk-heading-m">{t(MP.registrantsHeading)}</h2>
          {props.registrants.length ? (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-visually-hidden">{t(MP.registrantsHeading)}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    {t(MP.person)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(MP.organisation)}
                  </th>
                  <th scope="col" class="govuk-table__header">
                    {t(MP.registeredAt)}
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {props.registrants.map((r) => (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                      {r.displayName}
                    </th>
                    <td class="govuk-table__cell">{r.organisation ?? '—'}</td>
                    <td class="govuk-table__cell">{formatDateTime(locale, r.registeredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="govuk-body">{t(MP.registrantsNone)}</p>
          )}
        </>
      ) : null}
      {m ? (
        <Form action={`${meetingsPath(c.id)}/${m.id}/remove`}>
          <p class="govuk-body">{t(MP.removeMeetingHint, { n: m.registered })}</p>
          <Button variant="warning">{t(MP.removeMeeting)}</Button>
        </Form>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-link" href={meetingsPath(c.id)}>
          {t(MP.meetingsTitle)}
        </a>
      </p>
    </Frame>
  );
}

/** The files of a consultation: each to download or remove, and the upload form (multipart, works without JavaScript). */
export function AttachmentsView(props: { c: Consultation; form: FormState; editable: boolean }) {
  const t = useT();
  const page = usePage();
  const c = props.c;
  const error = props.form.errors.for('file');
  return (
    <Frame c={c} title={t(MP.attachmentsTitle)} form={props.form}>
      {c.attachments.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(MP.attachmentsTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(MP.file)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MP.size)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MP.actions)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {c.attachments.map((a) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={`/api/v1/admin/consultations/${c.id}/attachments/${a.id}`}>
                    {a.fileName}
                  </a>
                </th>
                <td class="govuk-table__cell">{fileSize(page.locale, a.size)}</td>
                <td class="govuk-table__cell">
                  {props.editable ? (
                    <Form action={`${managePath(c.id)}/attachments/${a.id}/remove`} class="govuk-!-margin-0">
                      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-0" data-module="govuk-button">
                        {t(MP.remove)}
                        <span class="govuk-visually-hidden"> {a.fileName}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="govuk-body">{t(MP.attachmentsNone)}</p>
      )}
      {props.editable ? (
        <form method="post" action={`${managePath(c.id)}/attachments`} enctype="multipart/form-data" novalidate>
          <input type="hidden" name="_csrf" value={page.csrfToken()} />
          <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
            <label class="govuk-label" for="file">
              {t(MP.file)}
            </label>
            <div id="file-hint" class="govuk-hint">
              {t(MP.fileHint)}
            </div>
            {error ? (
              <p id="file-error" class="govuk-error-message">
                <span class="govuk-visually-hidden">{page.locale === 'pl' ? 'Błąd:' : 'Error:'}</span> {error}
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
          <Button>{t(MP.upload)}</Button>
        </form>
      ) : null}
      <Back c={c} />
    </Frame>
  );
}
