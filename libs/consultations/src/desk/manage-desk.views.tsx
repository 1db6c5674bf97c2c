import {
  Button,
  Choices,
  DateText,
  DeskLayout,
  Form,
  formatDateTime,
  InsetText,
  QueueCount,
  QueueFilters,
  queueHref,
  QueuePagination,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  usePage,
  useT,
  type FormState,
  type QueuePage,
  type SummaryRow,
  type TagColour,
} from '@civitas/web';
import { CONSULTATION_STATUSES as STATUSES, type ConsultationStatus } from '../consultation-status';
import type { Consultation, ManagedConsultation } from '../consultations.service';
import type { ConsultationDocument } from '../documents.service';
import { managePath, RUNNING } from './manage-desk.model';
import { MD } from './manage-desk.texts';
import { MP } from './manage-parts.texts';
import { reportPath } from './report-desk.model';

const STATUS_COLOURS: Record<ConsultationStatus, TagColour> = {
  draft: 'grey',
  announced: 'blue',
  open: 'green',
  closed: 'yellow',
  report_published: 'purple',
  cancelled: 'red',
};

export function StatusTag(props: { status: ConsultationStatus }) {
  const t = useT();
  return <Tag colour={STATUS_COLOURS[props.status]}>{t(MD[props.status])}</Tag>;
}

const LIST = '/desk/consultations/list';

export type AreaChoice = { id: string; name: string };

/** The consultations the official runs: status filter, order, real paging, and the way to create one. */
export function ManageListView(props: {
  q: QueuePage<ManagedConsultation>;
  filters: { status?: string; sort?: string };
  form: FormState;
  areas: AreaChoice[];
}) {
  const t = useT();
  const { locale } = usePage();
  const { q } = props;
  const areaName = (id: string) => props.areas.find((a) => a.id === id)?.name ?? id;
  return (
    <DeskLayout
      title={t(MD.listTitle)}
      area="consultations"
      breadcrumbs={[{ text: t(MD.overviewTitle), href: '/desk/consultations' }]}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      <p class="govuk-body">
        <a class="govuk-button" data-module="govuk-button" href="/desk/consultations/new">
          {t(MD.create)}
        </a>
      </p>
      <QueueFilters action={LIST}>
        <Select
          name="status"
          label={MD.status}
          form={props.form}
          choices={[{ value: '', label: MD.anyStatus }, ...STATUSES.map((s) => ({ value: s, label: MD[s] }))]}
        />
        <Select
          name="sort"
          label={MD.sort}
          form={props.form}
          choices={[
            { value: '', label: MD.sortNewest },
            { value: 'closes', label: MD.sortCloses },
          ]}
        />
      </QueueFilters>
      <QueueCount q={q} />
      {q.rows.length ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(MD.listTitle)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(MD.title)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MD.status)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MD.period)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(MD.comments)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {q.rows.map((c) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={managePath(c.id)}>
                    {c.title}
                  </a>
                  <span class="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                    {c.areaIds.length ? c.areaIds.map(areaName).join(', ') : t(MD.wholeCity)}
                  </span>
                </th>
                <td class="govuk-table__cell">
                  <StatusTag status={c.status} />
                </td>
                <td class="govuk-table__cell">
                  {c.opensAt && c.closesAt ? t(MD.range, { from: formatDateTime(locale, c.opensAt), to: formatDateTime(locale, c.closesAt) }) : t(MD.noDates)}
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{c.comments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <QueuePagination q={q} href={(p) => queueHref(LIST, props.filters, p)} />
    </DeskLayout>
  );
}

/** Create or change a consultation: every field of the API's DTO (only the texts and closing date once announced), the description's preview. */
export function ConsultationFormView(props: { c: Consultation | null; form: FormState; areas: AreaChoice[]; previewHtml: string | null }) {
  const t = useT();
  const c = props.c;
  const running = !!c && RUNNING.includes(c.status);
  const form = props.form;
  const action = c ? `${managePath(c.id)}/edit` : '/desk/consultations/new';
  return (
    <DeskLayout
      title={t(c ? MD.editTitle : MD.newTitle)}
      caption={c?.title}
      area="consultations"
      breadcrumbs={[{ text: t(MD.listTitle), href: LIST }, ...(c ? [{ text: c.title, href: managePath(c.id) }] : [])]}
      errors={form.errors.any ? form.errors : undefined}
    >
      {running ? <InsetText>{t(MD.runningHint)}</InsetText> : null}
      <Form action={action}>
        <TextInput name="title" label={MD.title} form={form} width="full" maxlength={300} />
        <Textarea name="summary" label={MD.summary} hint={MD.summaryHint} form={form} rows={3} maxlength={2000} optional />
        <Textarea name="body" label={MD.body} hint={MD.bodyHint} form={form} rows={12} optional />
        <TextInput name="topic" label={MD.topic} hint={MD.topicHint} form={form} width="20" optional />
        <TextInput name="organiserUnit" label={MD.organiserUnit} form={form} width="full" optional />
        <TextInput name="contact" label={MD.contact} hint={MD.contactHint} form={form} width="full" optional />
        {!running ? (
          <>
            <Choices
              type="checkbox"
              name="areaIds"
              legend={MD.areaIds}
              hint={MD.areaIdsHint}
              form={form}
              small
              choices={props.areas.map((a) => ({ value: a.id, label: a.name }))}
            />
            <Choices
              type="radio"
              name="audience"
              legend={MD.audience}
              form={form}
              small
              choices={[
                { value: 'everyone', label: MD.everyone },
                { value: 'ngo', label: MD.ngo },
              ]}
            />
            <Choices
              type="radio"
              name="moderation"
              legend={MD.moderation}
              form={form}
              small
              choices={[
                { value: 'post', label: MD.post },
                { value: 'pre', label: MD.pre },
              ]}
            />
            <Choices
              type="radio"
              name="surveyAccess"
              legend={MD.surveyAccess}
              form={form}
              small
              choices={[
                { value: 'account', label: MD.account },
                { value: 'email_code', label: MD.email_code },
              ]}
            />
            <TextInput name="minNoticeDays" label={MD.minNoticeDays} form={form} width="3" inputmode="numeric" />
            <TextInput name="opensAt" label={MD.opensAt} hint={MD.dateHint} form={form} width="10" optional />
          </>
        ) : null}
        <TextInput name="closesAt" label={MD.closesAt} hint={MD.dateHint} form={form} width="10" optional />
        <div class="govuk-button-group">
          <Button>{t(MD.save)}</Button>
          <Button variant="secondary" name="action" value="preview">
            {t(MD.preview)}
          </Button>
        </div>
      </Form>
      {props.previewHtml !== null ? (
        <section aria-labelledby="preview-heading" class="civitas-preview">
          <h2 class="govuk-heading-m" id="preview-heading">
            {t(MD.previewHeading)}
          </h2>
          {props.previewHtml ? (
            // Safe HTML: renderMarkdown (raw HTML escaped, only safe links), as the consultation's page renders it.
            <div class="civitas-markdown" dangerouslySetInnerHTML={{ __html: props.previewHtml }} />
          ) : (
            <p class="govuk-body">{t(MD.previewEmpty)}</p>
          )}
        </section>
      ) : null}
    </DeskLayout>
  );
}

/** A consultation at the desk: its facts, and what can be done with it in its state. */
export function ManageView(props: { c: Consultation; areas: AreaChoice[]; form: FormState }) {
  const t = useT();
  const c = props.c;
  const editable = c.status === 'draft' || RUNNING.includes(c.status);
  const areaName = (id: string) => props.areas.find((a) => a.id === id)?.name ?? id;
  const change = (hidden: string): SummaryRow['action'] => (editable ? { href: `${managePath(c.id)}/edit`, text: MD.edit, hidden } : undefined);
  const rows: SummaryRow[] = [
    { key: MD.status, value: <StatusTag status={c.status} /> },
    { key: MD.title, value: c.title, action: change(t(MD.title)) },
    { key: MD.summary, value: c.summary || t(MD.notGiven) },
    { key: MD.topic, value: c.topic || t(MD.notGiven) },
    { key: MD.areaIds, value: c.areaIds.length ? c.areaIds.map(areaName).join(', ') : t(MD.wholeCity) },
    { key: MD.audience, value: t(c.audience === 'ngo' ? MD.ngo : MD.everyone) },
    { key: MD.moderation, value: t(c.moderation === 'pre' ? MD.pre : MD.post) },
    { key: MD.surveyAccess, value: t(c.surveyAccess === 'email_code' ? MD.email_code : MD.account) },
    { key: MD.opensAt, value: c.opensAt ? <DateText value={c.opensAt} withTime /> : t(MD.notGiven) },
    { key: MD.closesAt, value: c.closesAt ? <DateText value={c.closesAt} withTime /> : t(MD.notGiven) },
    { key: MD.organiserUnit, value: c.organiserUnit || t(MD.notGiven) },
    { key: MD.contact, value: c.contact || t(MD.notGiven) },
  ];
  if (c.cancelledReason) rows.push({ key: MD.cancelledReason, value: c.cancelledReason });
  return (
    <DeskLayout
      title={c.title}
      caption={t(MD.overviewTitle)}
      area="consultations"
      breadcrumbs={[{ text: t(MD.listTitle), href: LIST }]}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      <SummaryList rows={rows} />
      <ul class="govuk-list govuk-list--spaced">
        {editable ? (
          <li>
            <a class="govuk-link" href={`${managePath(c.id)}/edit`}>
              {t(MD.editLink)}
            </a>
          </li>
        ) : null}
        <li>
          <a class="govuk-link" href={`${managePath(c.id)}/document`}>
            {t(MD.documentLink)}
          </a>{' '}
          <span class="govuk-body-s">
            {c.documentVersion ? t(MD.documentVersion, { n: c.documentVersion, sections: c.sections.length }) : t(MD.documentNone)}
          </span>
        </li>
        <li>
          <a class="govuk-link" href={`${managePath(c.id)}/survey`}>
            {t(MP.surveyLink)}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`${managePath(c.id)}/meetings`}>
            {t(MP.meetingsLink)}
          </a>{' '}
          <span class="govuk-body-s">({c.meetings.length})</span>
        </li>
        <li>
          <a class="govuk-link" href={`${managePath(c.id)}/attachments`}>
            {t(MP.attachmentsLink)}
          </a>{' '}
          <span class="govuk-body-s">({c.attachments.length})</span>
        </li>
        {c.status === 'closed' || c.status === 'report_published' ? (
          <li>
            <a class="govuk-link" href={reportPath(c.id)}>
              {t(MD.reportLink)}
            </a>
          </li>
        ) : null}
        {c.status !== 'draft' ? (
          <li>
            <a class="govuk-link" href={`/consultations/${c.id}`}>
              {t(MD.publicLink)}
            </a>
          </li>
        ) : null}
      </ul>
      {c.status === 'draft' ? (
        <>
          <h2 class="govuk-heading-m">{t(MD.announceHeading)}</h2>
          <p class="govuk-body">{t(MD.announceHint, { days: c.minNoticeDays })}</p>
          <Form action={`${managePath(c.id)}/announce`}>
            <Button>{t(MD.announce)}</Button>
          </Form>
        </>
      ) : null}
      {['draft', 'announced', 'open'].includes(c.status) ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${managePath(c.id)}/cancel`}>
            {t(MD.cancelLink)}
          </a>
        </p>
      ) : null}
    </DeskLayout>
  );
}

/** Cancel with a public reason. */
export function CancelView(props: { c: Consultation; form: FormState }) {
  const t = useT();
  const c = props.c;
  return (
    <DeskLayout
      title={t(MD.cancelTitle)}
      caption={c.title}
      area="consultations"
      breadcrumbs={[
        { text: t(MD.listTitle), href: LIST },
        { text: c.title, href: managePath(c.id) },
      ]}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      <Form action={`${managePath(c.id)}/cancel`}>
        <Textarea name="reason" label={MD.reason} hint={MD.reasonHint} form={props.form} rows={5} maxlength={2000} />
        <Button variant="warning">{t(MD.cancel)}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={managePath(c.id)}>
          {t(MD.back)}
        </a>
      </p>
    </DeskLayout>
  );
}

/** The document's next version: its sections as rows (a row more on "add"), what changed, the versions so far. */
export function DocumentFormView(props: { c: Consultation; doc: ConsultationDocument; form: FormState; rows: number; editable: boolean }) {
  const t = useT();
  const { locale } = usePage();
  const c = props.c;
  const rows = Array.from({ length: props.rows }, (_, i) => i);
  return (
    <DeskLayout
      title={t(MD.documentTitle)}
      caption={c.title}
      area="consultations"
      breadcrumbs={[
        { text: t(MD.listTitle), href: LIST },
        { text: c.title, href: managePath(c.id) },
      ]}
      errors={props.form.errors.any ? props.form.errors : undefined}
    >
      {props.doc.versions.length ? (
        <>
          <h2 class="govuk-heading-m">{t(MD.versions)}</h2>
          <ul class="govuk-list">
            {props.doc.versions.map((v) => (
              <li>
                {t(MD.versionLine, { n: v.version, date: formatDateTime(locale, v.createdAt) })}
                {v.note ? ` — ${v.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="govuk-body">{t(MD.documentNone)}</p>
      )}
      {props.editable ? (
        <>
          <p class="govuk-body">{t(MD.documentLead)}</p>
          <Form action={`${managePath(c.id)}/document`}>
            {rows.map((i) => (
              <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{t(MD.sectionN, { n: i + 1 })}</legend>
                <TextInput name={`sections.${i}.key`} label={textN(MD.keyOf, i)} hint={MD.keyHint} form={props.form} width="10" />
                <TextInput name={`sections.${i}.heading`} label={textN(MD.headingOf, i)} form={props.form} width="full" optional />
                <Textarea name={`sections.${i}.body`} label={textN(MD.bodyOf, i)} form={props.form} rows={6} />
              </fieldset>
            ))}
            <Textarea name="note" label={MD.note} form={props.form} rows={2} maxlength={1000} optional />
            <div class="govuk-button-group">
              <Button>{t(MD.saveVersion)}</Button>
              <Button variant="secondary" name="action" value="add">
                {t(MD.addSection)}
              </Button>
            </div>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{t(MD.notEditableDoc)}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={managePath(c.id)}>
          {t(MD.back)}
        </a>
      </p>
    </DeskLayout>
  );
}

const textN = (x: { pl: string; en: string }, i: number) => ({ pl: x.pl.replace('{n}', String(i + 1)), en: x.en.replace('{n}', String(i + 1)) });
