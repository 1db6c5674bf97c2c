import { DateText, DESK_AREAS, DeskLayout, Tag, useT, type DeskArea } from '@civitas/web';
import type { DeskCount, DeskLink, DeskQueue } from './desk-queues';
import { DK } from './desk.texts';

/** A queue with what waits in it for the viewer. */
export interface CountedQueue {
  queue: DeskQueue;
  count: DeskCount;
}

/** One part of the desk's queues as a table: the queue (linked), how many wait, the nearest deadline. */
function QueuesTable(props: { caption: string; rows: CountedQueue[]; now: Date }) {
  const t = useT();
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            {t(DK.queue)}
          </th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">
            {t(DK.waiting)}
          </th>
          <th scope="col" class="govuk-table__header">
            {t(DK.nearestDeadline)}
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map(({ queue, count }) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              <a class="govuk-link" href={queue.href}>
                {t(queue.title)}
              </a>
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">{count.count}</td>
            <td class="govuk-table__cell">
              {count.nextDeadline ? (
                <>
                  <DateText value={count.nextDeadline} withTime />
                  {count.nextDeadline < props.now ? (
                    <>
                      {' '}
                      <Tag colour="red">{t(DK.overdue)}</Tag>
                    </>
                  ) : null}
                </>
              ) : (
                t(DK.noDeadline)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LinksList(props: { links: DeskLink[] }) {
  const t = useT();
  return (
    <ul class="govuk-list govuk-list--spaced">
      {props.links.map((l) => (
        <li>
          <a class="govuk-link" href={l.href}>
            {t(l.title)}
          </a>
          {l.description ? <p class="govuk-body-s govuk-!-margin-bottom-0">{t(l.description)}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** The desk's start page: per part of the desk, the queues where something waits on me, each count linked. */
export function DeskStartView(props: { byArea: Array<{ area: DeskArea; rows: CountedQueue[] }>; roles: string; now: Date }) {
  const t = useT();
  const areas = props.byArea.filter((a) => a.rows.length > 0);
  return (
    <DeskLayout title={t(DK.startTitle)} area="start">
      <p class="govuk-body-l">{t(DK.startLead)}</p>
      <p class="govuk-body">{t(DK.rolesLine, { roles: props.roles })}</p>
      {areas.length === 0 ? <p class="govuk-body">{t(DK.allClear)}</p> : null}
      {areas.map((a) => {
        const meta = DESK_AREAS.find((d) => d.id === a.area);
        return <QueuesTable caption={meta ? t(meta.text) : a.area} rows={a.rows} now={props.now} />;
      })}
    </DeskLayout>
  );
}

/** A part of the desk: its queues (every one, waiting or not) and its other pages. */
export function DeskAreaView(props: { area: Exclude<DeskArea, 'start'>; rows: CountedQueue[]; links: DeskLink[]; now: Date }) {
  const t = useT();
  const meta = DESK_AREAS.find((d) => d.id === props.area);
  const title = meta ? t(meta.text) : props.area;
  return (
    <DeskLayout title={title} area={props.area}>
      {props.rows.length > 0 ? <QueuesTable caption={t(DK.queues)} rows={props.rows} now={props.now} /> : null}
      {props.links.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">{t(DK.pages)}</h2>
          <LinksList links={props.links} />
        </>
      ) : null}
      {props.rows.length === 0 && props.links.length === 0 ? <p class="govuk-body">{t(DK.nothingWaits)}</p> : null}
    </DeskLayout>
  );
}
