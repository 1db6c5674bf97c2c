import type { Locale } from '@civitas/common';
import {
  Button,
  Choices,
  DateText,
  DeskLayout,
  Form,
  FormErrors,
  Paragraphs,
  QueueCount,
  QueueFilters,
  QueuePagination,
  Select,
  SummaryList,
  Tag,
  TextInput,
  Textarea,
  emptyForm,
  formatDate,
  queueHref,
  usePage,
  useT,
  type FormState,
  type QueuePage,
  type SummaryRow,
  type TagColour,
} from '@civitas/web';
import { HIDE_REASONS, type AdminComment, type CommentChannel, type CommentStatus, type ModerationItem } from '../comments.service';
import type { Consultation } from '../consultations.service';
import { HIDE_REASON_LABELS, MOD } from './moderation.texts';

export const QUEUE_PATH = '/desk/consultations/moderation';
export const HIDDEN_PATH = '/desk/consultations/moderation/hidden';
export const commentsPath = (id: string) => `/desk/consultations/${id}/comments`;
export const commentPath = (consultationId: string, commentId: string) => `${commentsPath(consultationId)}/${commentId}`;

const CHANNEL = { online: MOD.online, paper: MOD.paper, email: MOD.email, meeting: MOD.meeting } as const;
const STATUS: Record<CommentStatus, { text: typeof MOD.statusPending; colour: TagColour }> = {
  pending: { text: MOD.statusPending, colour: 'yellow' },
  visible: { text: MOD.statusVisible, colour: 'green' },
  hidden: { text: MOD.statusHidden, colour: 'grey' },
};

const crumbs = (t: ReturnType<typeof useT>, more: Array<{ text: string; href: string }> = []) => [
  { text: t(MOD.consultations), href: '/desk/consultations' },
  ...more,
];

/** The ids of one comment's action fields (unique on a page of many comments). */
export const actionField = (commentId: string, name: 'reason' | 'note') => `c-${commentId}-${name}`;

/** The problems of one comment's hide form put on its own fields (the service names `reason` and `note`). */
export function onComment(commentId: string, errors: FormErrors): FormErrors {
  return new FormErrors(errors.list.map((e) => ({ field: e.field === 'reason' || e.field === 'note' ? actionField(commentId, e.field) : null, text: e.text })));
}

function StatusTag(props: { status: CommentStatus; openReports: number }) {
  const t = useT();
  const s = STATUS[props.status];
  return (
    <>
      <Tag colour={s.colour}>{t(s.text)}</Tag>
      {props.status === 'visible' && props.openReports > 0 ? (
        <>
          {' '}
          <Tag colour="red">{t(MOD.statusReported)}</Tag>
        </>
      ) : null}
    </>
  );
}

/** The forms of the acts a comment allows now, each one step: hide/reject with a reason and a note, approve, keep, restore. */
function Acts(props: { k: ModerationItem; back: string; form?: FormState }) {
  const t = useT();
  const { k } = props;
  const base = commentPath(k.consultationId, k.id);
  const who = t(MOD.ofAuthor, { author: k.authorName });
  const form = props.form ?? emptyForm();
  const errors = form.errors;
  const reasonId = actionField(k.id, 'reason');
  const noteId = actionField(k.id, 'note');
  const back = <input type="hidden" name="back" value={props.back} />;
  const hideForm =
    k.status === 'hidden' ? null : (
      <Form action={`${base}/hide`}>
        {back}
        <Choices
          type="radio"
          name={reasonId}
          legend={k.status === 'pending' ? MOD.rejectLegend : MOD.hideLegend}
          form={{ values: { [reasonId]: form.values.reason }, errors }}
          choices={HIDE_REASONS.map((r) => ({ value: r, label: HIDE_REASON_LABELS[r] }))}
          small
        />
        <Textarea name={noteId} label={MOD.note} hint={MOD.noteHint} form={{ values: { [noteId]: form.values.note }, errors }} rows={2} optional />
        <Button variant="warning">
          {t(k.status === 'pending' ? MOD.reject : MOD.hide)}
          <span class="govuk-visually-hidden">{who}</span>
        </Button>
      </Form>
    );
  return (
    <div class="govuk-!-margin-top-4">
      {k.status === 'pending' ? (
        <Form action={`${base}/approve`}>
          {back}
          <Button>
            {t(MOD.approve)}
            <span class="govuk-visually-hidden">{who}</span>
          </Button>
        </Form>
      ) : null}
      {k.status === 'visible' && k.openReports > 0 ? (
        <Form action={`${base}/keep`}>
          {back}
          <p class="govuk-body-s">{t(MOD.keepHint)}</p>
          <Button variant="secondary">
            {t(MOD.keep)}
            <span class="govuk-visually-hidden">{who}</span>
          </Button>
        </Form>
      ) : null}
      {hideForm}
      {k.status === 'hidden' ? (
        <Form action={`${base}/restore`}>
          {back}
          <Button variant="secondary">
            {t(MOD.restore)}
            <span class="govuk-visually-hidden">{who}</span>
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

/**
 * One comment in its context: the consultation, the section (its key, heading and the beginning of its text in the
 * version commented on), the author, date and channel, the full text and proposed wording, its status and the
 * reports not yet dealt with (their reasons), and the acts it allows.
 */
export function CommentCard(props: { k: ModerationItem; back: string; heading: 'h1' | 'h2'; form?: FormState; withActs?: boolean }) {
  const t = useT();
  const { locale } = usePage();
  const { k } = props;
  const sectionValue = k.sectionKey ? (
    <>
      <strong>{k.version ? t(MOD.sectionVersion, { key: k.sectionKey, version: k.version }) : k.sectionKey}</strong>
      {k.sectionHeading ? ` ${k.sectionHeading}` : ''}
      {k.sectionQuote ? (
        <blockquote class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
          <q>{k.sectionQuote}</q>
        </blockquote>
      ) : null}
    </>
  ) : (
    t(MOD.wholeConsultation)
  );
  const rows: SummaryRow[] = [
    {
      key: MOD.where,
      value: (
        <a class="govuk-link" href={`/consultations/${k.consultationId}`}>
          {k.consultationTitle}
        </a>
      ),
    },
    { key: MOD.section, value: sectionValue },
    {
      key: MOD.author,
      value: (
        <>
          {k.authorName}
          {!k.authorHasAccount ? <span class="govuk-hint govuk-!-margin-bottom-0 govuk-!-font-size-16">{t(MOD.noAccount)}</span> : null}
        </>
      ),
    },
    {
      key: MOD.made,
      value: (
        <>
          <DateText value={k.createdAt} withTime />, {t(CHANNEL[k.channel])}
        </>
      ),
    },
    { key: MOD.status, value: <StatusTag status={k.status} openReports={k.openReports} /> },
  ];
  if (k.reportCount > 0) rows.push({ key: MOD.reports, value: t(MOD.reportsLine, { open: k.openReports, all: k.reportCount }) });
  if (k.status === 'hidden') {
    rows.push({ key: MOD.hiddenBecause, value: t(HIDE_REASON_LABELS[k.hiddenReason ?? 'other']) });
    if (k.hiddenNote) rows.push({ key: MOD.hiddenNote, value: k.hiddenNote });
    if (k.moderatedAt) rows.push({ key: MOD.hiddenOn, value: <DateText value={k.moderatedAt} withTime /> });
  }
  const title = t(MOD.commentOf, { author: k.authorName, date: formatDate(locale as Locale, k.createdAt) });
  return (
    <section class="govuk-!-margin-bottom-6" aria-labelledby={`c-${k.id}-title`} id={`c-${k.id}`}>
      {props.heading === 'h2' ? (
        <h2 class="govuk-heading-m" id={`c-${k.id}-title`}>
          <a class="govuk-link" href={commentPath(k.consultationId, k.id)}>
            {title}
          </a>
        </h2>
      ) : (
        <span id={`c-${k.id}-title`} class="govuk-visually-hidden">
          {title}
        </span>
      )}
      <SummaryList rows={rows} />
      <h3 class="govuk-heading-s">{t(MOD.text)}</h3>
      <div class="govuk-inset-text govuk-!-margin-top-0">
        <Paragraphs text={k.body} />
      </div>
      {k.proposedWording ? (
        <>
          <h3 class="govuk-heading-s">{t(MOD.proposedWording)}</h3>
          <div class="govuk-inset-text govuk-!-margin-top-0">
            <Paragraphs text={k.proposedWording} />
          </div>
        </>
      ) : null}
      {k.reports.length > 0 ? (
        <>
          <h3 class="govuk-heading-s">{t(MOD.reasonsOfReporters)}</h3>
          <ul class="govuk-list govuk-list--bullet">
            {k.reports.map((r) => (
              <li>
                <DateText value={r.createdAt} withTime />: {r.reason || t(MOD.noReason)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.withActs === false ? null : <Acts k={k} back={props.back} form={props.form} />}
    </section>
  );
}

export interface QueueFiltersState {
  kind?: string;
  consultation?: string;
  sort?: string;
}

/** The moderation queue: filters (kind, consultation, order), the count, each comment with its acts, the pages. */
export function ModerationQueueView(props: {
  q: QueuePage<ModerationItem>;
  filters: QueueFiltersState;
  consultations: Array<{ id: string; title: string; count: number }>;
  back: string;
  errors?: FormErrors;
}) {
  const t = useT();
  const f = props.filters;
  const form = { values: { kind: f.kind ?? '', consultation: f.consultation ?? '', sort: f.sort ?? '' }, errors: props.errors ?? FormErrors.none() };
  return (
    <DeskLayout title={t(MOD.queueTitle)} area="consultations" breadcrumbs={crumbs(t)} errors={props.errors}>
      <p class="govuk-body">{t(MOD.queueLead)}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={HIDDEN_PATH}>
          {t(MOD.toHidden)}
        </a>
      </p>
      <QueueFilters action={QUEUE_PATH}>
        <Select
          name="kind"
          label={MOD.kind}
          form={form}
          choices={[
            { value: '', label: MOD.kindAll },
            { value: 'reported', label: MOD.kindReported },
            { value: 'pending', label: MOD.kindPending },
          ]}
        />
        <Select
          name="consultation"
          label={MOD.consultation}
          form={form}
          choices={[{ value: '', label: MOD.allConsultations }, ...props.consultations.map((c) => ({ value: c.id, label: `${c.title} (${c.count})` }))]}
        />
        <Select
          name="sort"
          label={MOD.sort}
          form={form}
          choices={[
            { value: '', label: MOD.sortOldest },
            { value: 'reports', label: MOD.sortReports },
          ]}
        />
      </QueueFilters>
      <QueueCount q={props.q} />
      {props.q.rows.map((k) => (
        <>
          <CommentCard k={k} back={props.back} heading="h2" />
          <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
        </>
      ))}
      <QueuePagination q={props.q} href={(n) => queueHref(QUEUE_PATH, { kind: f.kind, consultation: f.consultation, sort: f.sort }, n)} />
    </DeskLayout>
  );
}

/** The hidden comments (newest decision first), each with "restore". */
export function HiddenCommentsView(props: {
  q: QueuePage<ModerationItem>;
  consultation?: string;
  consultations: Array<{ id: string; title: string; count: number }>;
  back: string;
  errors?: FormErrors;
}) {
  const t = useT();
  const form = { values: { consultation: props.consultation ?? '' }, errors: props.errors ?? FormErrors.none() };
  return (
    <DeskLayout title={t(MOD.hiddenTitle)} area="consultations" breadcrumbs={crumbs(t, [{ text: t(MOD.queueTitle), href: QUEUE_PATH }])} errors={props.errors}>
      <p class="govuk-body">{t(MOD.hiddenLead)}</p>
      <QueueFilters action={HIDDEN_PATH}>
        <Select
          name="consultation"
          label={MOD.consultation}
          form={form}
          choices={[{ value: '', label: MOD.allConsultations }, ...props.consultations.map((c) => ({ value: c.id, label: `${c.title} (${c.count})` }))]}
        />
      </QueueFilters>
      {props.q.total === 0 ? <p class="govuk-body">{t(MOD.nothingHidden)}</p> : <QueueCount q={props.q} />}
      {props.q.rows.map((k) => (
        <>
          <CommentCard k={k} back={props.back} heading="h2" />
          <hr class="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
        </>
      ))}
      <QueuePagination q={props.q} href={(n) => queueHref(HIDDEN_PATH, { consultation: props.consultation }, n)} />
    </DeskLayout>
  );
}

/** One comment's page: the comment in context with its acts (and the hide form's problems after a refused act). */
export function CommentModerationView(props: { k: ModerationItem; back: string; form?: FormState }) {
  const t = useT();
  const { locale } = usePage();
  const { k } = props;
  return (
    <DeskLayout
      title={t(MOD.commentOf, { author: k.authorName, date: formatDate(locale as Locale, k.createdAt) })}
      caption={k.consultationTitle}
      area="consultations"
      breadcrumbs={crumbs(t, [
        { text: t(MOD.queueTitle), href: QUEUE_PATH },
        { text: t(MOD.commentsTitle), href: commentsPath(k.consultationId) },
      ])}
      errors={props.form?.errors.any ? props.form.errors : undefined}
    >
      <CommentCard k={k} back={props.back} heading="h1" form={props.form} />
      <p class="govuk-body">
        <a class="govuk-link" href={commentsPath(k.consultationId)}>
          {t(MOD.allComments)}
        </a>
      </p>
    </DeskLayout>
  );
}

/** Every comment of a consultation with its status, each linked to its page (the acts), and "enter a comment". */
export function ConsultationCommentsView(props: {
  c: Pick<Consultation, 'id' | 'title'>;
  q: QueuePage<AdminComment>;
  status?: string;
  canEnter: boolean;
  errors?: FormErrors;
}) {
  const t = useT();
  const path = commentsPath(props.c.id);
  const form = { values: { status: props.status ?? '' }, errors: props.errors ?? FormErrors.none() };
  return (
    <DeskLayout title={t(MOD.commentsTitle)} caption={props.c.title} area="consultations" breadcrumbs={crumbs(t)} errors={props.errors}>
      <p class="govuk-body">{t(MOD.commentsLead)}</p>
      {props.canEnter ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${path}/new`}>
            {t(MOD.enterLink)}
          </a>
        </p>
      ) : null}
      <QueueFilters action={path}>
        <Select
          name="status"
          label={MOD.status}
          form={form}
          choices={[
            { value: '', label: MOD.allStatuses },
            { value: 'pending', label: MOD.statusPending },
            { value: 'visible', label: MOD.statusVisible },
            { value: 'hidden', label: MOD.statusHidden },
          ]}
        />
      </QueueFilters>
      <QueueCount q={props.q} />
      {props.q.rows.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">{t(MOD.commentsCaption)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(MOD.date)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MOD.author)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MOD.section)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MOD.text)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MOD.status)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(MOD.action)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.q.rows.map((k) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <DateText value={k.createdAt} />
                  <br />
                  <span class="govuk-body-s">{t(CHANNEL[k.channel as CommentChannel])}</span>
                </td>
                <td class="govuk-table__cell">{k.authorName}</td>
                <td class="govuk-table__cell">{k.sectionKey ?? t(MOD.wholeConsultation)}</td>
                <td class="govuk-table__cell">{k.body.length > 140 ? `${k.body.slice(0, 140)}…` : k.body}</td>
                <td class="govuk-table__cell">
                  <StatusTag status={k.status} openReports={k.openReports} />
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={commentPath(props.c.id, k.id)}>
                    {t(k.status === 'pending' || k.openReports > 0 ? MOD.moderate : MOD.view)}
                    <span class="govuk-visually-hidden">{t(MOD.ofAuthor, { author: k.authorName })}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <QueuePagination q={props.q} href={(n) => queueHref(path, { status: props.status }, n)} />
    </DeskLayout>
  );
}

/** Entering a comment received on paper, by e-mail or at a meeting (officials who run the consultation). */
export function EnterCommentView(props: { c: Pick<Consultation, 'id' | 'title' | 'status' | 'sections'>; form: FormState }) {
  const t = useT();
  const { c, form } = props;
  const open = c.status === 'open' || c.status === 'closed';
  return (
    <DeskLayout
      title={t(MOD.enterTitle)}
      caption={c.title}
      area="consultations"
      breadcrumbs={crumbs(t, [{ text: t(MOD.commentsTitle), href: commentsPath(c.id) }])}
      errors={form.errors.any ? form.errors : undefined}
    >
      {!open ? (
        <p class="govuk-body">{t(MOD.enterClosed, { status: t(MOD[`consultationStatus_${c.status}`]) })}</p>
      ) : (
        <>
          <p class="govuk-body">{t(MOD.enterLead)}</p>
          <Form action={`${commentsPath(c.id)}/new`}>
            <Choices
              type="radio"
              name="channel"
              legend={MOD.channelLegend}
              form={form}
              choices={[
                { value: 'paper', label: MOD.paper },
                { value: 'email', label: MOD.email },
                { value: 'meeting', label: MOD.meeting },
              ]}
              legendSize="m"
            />
            <TextInput name="receivedOn" label={MOD.receivedOn} hint={MOD.receivedOnHint} form={form} width="10" inputmode="numeric" />
            <TextInput name="authorName" label={MOD.authorName} hint={MOD.authorNameHint} form={form} optional autocomplete="off" />
            <TextInput
              name="contactEmail"
              type="email"
              label={MOD.contactEmail}
              hint={MOD.contactEmailHint}
              form={form}
              optional
              autocomplete="off"
              spellcheck={false}
            />
            <Select
              name="sectionId"
              label={MOD.sectionLabel}
              form={form}
              choices={[
                { value: '', label: MOD.wholeConsultation },
                ...c.sections.map((s) => ({ value: s.id, label: s.heading ? `${s.key} ${s.heading}` : s.key })),
              ]}
            />
            <Textarea name="body" label={MOD.body} form={form} rows={8} maxlength={10000} />
            <Textarea name="proposedWording" label={MOD.proposedWordingLabel} form={form} rows={4} optional maxlength={10000} />
            <Button>{t(MOD.enterSubmit)}</Button>
          </Form>
        </>
      )}
    </DeskLayout>
  );
}
