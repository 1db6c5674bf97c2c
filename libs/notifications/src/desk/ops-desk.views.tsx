import type { Text } from '@civitas/common';
import type { QueueState } from '@civitas/queue';
import {
  Button,
  DateText,
  DeskLayout,
  emptyForm,
  Form,
  formatNumber,
  QueueCount,
  QueueFilters,
  QueuePagination,
  queueHref,
  Select,
  Tag,
  usePage,
  useT,
  type QueuePage,
} from '@civitas/web';
import { DELIVERY_STATUSES, type DeliveryStatus, type DeliveryView } from '../deliveries-admin.service';
import { OD } from './ops-desk.texts';

export const STATUS_TEXT: Record<DeliveryStatus, Text> = {
  pending: OD.pending,
  sending: OD.sending,
  sent: OD.sent,
  failed: OD.failed,
  skipped: OD.skipped,
  queued: OD.queued,
  in_digest: OD.in_digest,
};

const STATUS_COLOUR: Partial<Record<DeliveryStatus, 'red' | 'green' | 'yellow' | 'grey'>> = { failed: 'red', sent: 'green', skipped: 'grey' };

/** Deliveries, newest first, filtered by status; each failed one with "retry", and "retry every failed one". */
export function DeliveriesView(props: { q: QueuePage<DeliveryView>; status: string; failedTotal: number }) {
  const t = useT();
  const form = emptyForm({ status: props.status });
  return (
    <DeskLayout title={t(OD.deliveries)} area="admin">
      <p class="govuk-body">{t(OD.deliveriesLead)}</p>
      <QueueFilters action="/desk/admin/deliveries">
        <Select
          name="status"
          label={OD.status}
          form={form}
          choices={[{ value: '', label: OD.anyStatus }, ...DELIVERY_STATUSES.map((s) => ({ value: s, label: STATUS_TEXT[s] }))]}
        />
      </QueueFilters>
      {props.failedTotal > 0 ? (
        <Form action="/desk/admin/deliveries/retry-failed">
          <Button variant="secondary">
            {t(OD.retryAll)} ({props.failedTotal})
          </Button>
        </Form>
      ) : null}
      <QueueCount q={props.q} />
      {props.q.rows.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(OD.deliveries)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(OD.event)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.recipient)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.status)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(OD.attempts)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.lastError)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.when)}
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">{t(OD.retry)}</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.q.rows.map((d) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <code>{d.eventKind}</code>
                </td>
                <td class="govuk-table__cell">{d.recipient ?? '—'}</td>
                <td class="govuk-table__cell">
                  <Tag colour={STATUS_COLOUR[d.status]}>{t(STATUS_TEXT[d.status])}</Tag>
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{d.attempts}</td>
                <td class="govuk-table__cell">{d.lastError ?? '—'}</td>
                <td class="govuk-table__cell">
                  <DateText value={d.failedAt ?? d.sentAt ?? d.createdAt} withTime />
                </td>
                <td class="govuk-table__cell">
                  {d.status === 'failed' ? (
                    <Form action={`/desk/admin/deliveries/${d.id}/retry`}>
                      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                        {t(OD.retry)}
                        <span class="govuk-visually-hidden"> {t(OD.retryHidden, { to: d.recipient ?? d.eventKind })}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <QueuePagination q={props.q} href={(p) => queueHref('/desk/admin/deliveries', { status: props.status }, p)} />
    </DeskLayout>
  );
}

/** The job machinery, read only: the outbox by queue and job, its rows after an error, and BullMQ's queues with Redis. */
export function JobsView(props: { state: QueueState }) {
  const t = useT();
  const { locale } = usePage();
  const { outbox, bullmq } = props.state;
  return (
    <DeskLayout title={t(OD.jobs)} area="admin">
      <p class="govuk-body">{t(OD.jobsLead)}</p>
      <p class="govuk-body">{t(props.state.mode === 'redis' ? OD.modeRedis : OD.modeInline)}</p>
      <h2 class="govuk-heading-m">{t(OD.outbox)}</h2>
      <p class="govuk-body">{t(OD.dispatched, { n: formatNumber(locale, outbox.dispatchedLastHour) })}</p>
      {outbox.groups.length === 0 ? (
        <p class="govuk-body">{t(OD.outboxEmpty)}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{t(OD.outbox)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(OD.queue)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.job)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(OD.waiting)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(OD.retrying)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.oldest)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {outbox.groups.map((g) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{g.queue}</td>
                <td class="govuk-table__cell">
                  <code>{g.job}</code>
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{g.pending}</td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{g.retrying}</td>
                <td class="govuk-table__cell">
                  <DateText value={g.oldest} withTime />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {outbox.problems.length > 0 ? (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--s">{t(OD.problems)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {t(OD.job)}
              </th>
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {t(OD.attempts)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.lastError)}
              </th>
              <th scope="col" class="govuk-table__header">
                {t(OD.nextAttempt)}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {outbox.problems.map((p) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <code>{p.job}</code>
                </td>
                <td class="govuk-table__cell govuk-table__cell--numeric">{p.attempts}</td>
                <td class="govuk-table__cell">{p.lastError}</td>
                <td class="govuk-table__cell">
                  <DateText value={p.nextAttemptAt} withTime />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {bullmq ? (
        <>
          <h2 class="govuk-heading-m">{t(OD.bullmq)}</h2>
          {!bullmq.reachable ? (
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">{t(OD.unreachable, { error: bullmq.error })}</strong>
            </div>
          ) : (
            <>
              <table class="govuk-table">
                <caption class="govuk-table__caption govuk-visually-hidden">{t(OD.bullmq)}</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      {t(OD.queue)}
                    </th>
                    {([OD.waiting, OD.active, OD.delayed, OD.failedJobs, OD.completed] as const).map((h) => (
                      <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                        {t(h)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {bullmq.queues.map((q) => (
                    <tr class="govuk-table__row">
                      <th scope="row" class="govuk-table__header">
                        {q.queue}
                      </th>
                      {(['waiting', 'active', 'delayed', 'failed', 'completed'] as const).map((s) => (
                        <td class="govuk-table__cell govuk-table__cell--numeric">{q.counts[s]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3 class="govuk-heading-s">{t(OD.lastFailures)}</h3>
              {bullmq.queues.every((q) => q.failed.length === 0) ? (
                <p class="govuk-body">{t(OD.noFailures)}</p>
              ) : (
                <ul class="govuk-list">
                  {bullmq.queues.flatMap((q) =>
                    q.failed.map((f) => (
                      <li>
                        <strong>
                          {q.queue} / <code>{f.name}</code>
                        </strong>{' '}
                        ({t(OD.attempts)}: {f.attempts}
                        {f.failedAt ? (
                          <>
                            , <DateText value={f.failedAt} withTime />
                          </>
                        ) : null}
                        ): {f.error}
                      </li>
                    )),
                  )}
                </ul>
              )}
            </>
          )}
        </>
      ) : null}
    </DeskLayout>
  );
}
