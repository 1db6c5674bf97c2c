import type { PendingDeletion } from '@civitas/users';
import {
  Button,
  DateText,
  DeskLayout,
  Form,
  QueueCount,
  QueuePagination,
  queueHref,
  SummaryList,
  Textarea,
  useT,
  type FormState,
  type QueuePage,
} from '@civitas/web';
import { DL } from './deletions-desk.texts';

export const DELETIONS_PATH = '/desk/admin/deletions';

/** The day by which a request must be answered: a month after it was made (GDPR art. 12(3)). */
export function answerBy(requestedAt: Date): Date {
  const d = new Date(requestedAt);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}

const crumbs = (t: ReturnType<typeof useT>) => [{ text: t(DL.title), href: DELETIONS_PATH }];

/** Pending requests, oldest first (the nearest deadline first), each linked to its page. */
export function DeletionsView(props: { q: QueuePage<PendingDeletion> }) {
  const t = useT();
  return (
    <DeskLayout title={t(DL.title)} area="admin">
      <p class="govuk-body">{t(DL.lead)}</p>
      {props.q.total === 0 ? <p class="govuk-body">{t(DL.none)}</p> : <QueueCount q={props.q} />}
      {props.q.rows.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(DL.title)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(DL.account)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(DL.requested)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(DL.answerBy)}
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">{t(DL.open)}</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.q.rows.map((r) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header">
                  {r.displayName}
                  <span class="govuk-hint govuk-!-margin-bottom-0 govuk-!-font-size-16">{r.email}</span>
                </th>
                <td class="govuk-table__cell">
                  <DateText value={r.requestedAt} />
                </td>
                <td class="govuk-table__cell">
                  <DateText value={answerBy(r.requestedAt)} />
                </td>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`${DELETIONS_PATH}/${r.id}`}>
                    {t(DL.open)}
                    <span class="govuk-visually-hidden">{t(DL.openHidden, { email: r.email })}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <QueuePagination q={props.q} href={(p) => queueHref(DELETIONS_PATH, {}, p)} />
    </DeskLayout>
  );
}

/** One request: who, when, why, the deadline; carry it out (a note optional) or decline it (a reason required). */
export function DeletionView(props: { r: PendingDeletion; form: FormState }) {
  const t = useT();
  const { r, form } = props;
  return (
    <DeskLayout title={t(DL.requestTitle, { name: r.displayName })} area="admin" breadcrumbs={crumbs(t)} errors={form.errors.any ? form.errors : undefined}>
      <SummaryList
        rows={[
          { key: DL.account, value: r.displayName },
          { key: DL.email, value: r.email },
          { key: DL.requested, value: <DateText value={r.requestedAt} withTime /> },
          { key: DL.answerBy, value: <DateText value={answerBy(r.requestedAt)} /> },
          { key: DL.reason, value: r.reason ?? t(DL.noReason) },
        ]}
      />
      <h2 class="govuk-heading-m">{t(DL.completeHeading)}</h2>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">{t(DL.completeWarning)}</strong>
      </div>
      <Form action={`${DELETIONS_PATH}/${r.id}/complete`}>
        <Textarea name="completeNote" label={DL.completeNote} hint={DL.completeNoteHint} form={form} rows={2} maxlength={2000} optional />
        <Button variant="warning">{t(DL.complete)}</Button>
      </Form>
      <h2 class="govuk-heading-m">{t(DL.declineHeading)}</h2>
      <Form action={`${DELETIONS_PATH}/${r.id}/decline`}>
        <Textarea name="declineNote" label={DL.declineNote} hint={DL.declineNoteHint} form={form} rows={4} maxlength={2000} />
        <Button variant="secondary">{t(DL.decline)}</Button>
      </Form>
    </DeskLayout>
  );
}
