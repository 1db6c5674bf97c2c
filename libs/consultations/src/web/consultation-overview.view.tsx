import { DateText, fileSize, formatDate, NotificationBanner, SummaryList, usePage, useT, type SummaryRow } from '@civitas/web';

import { ConsultationFrame, type ConsultationFacts } from './consultation-frame.view';
import { CL } from './consultation-pages.texts';
import { areasText } from './consultations-list.view';

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

/** Safe HTML made by renderMarkdown (raw HTML escaped, only safe links) — the only HTML a consultation page inserts. */
export function Markdown(props: { html: string; class?: string }) {
  return <div class={props.class ?? 'civitas-markdown'} dangerouslySetInnerHTML={{ __html: props.html }} />;
}

/** /consultations/:id: what it is about, the schedule, who organises it, its files and how to take part. */
export function ConsultationOverviewView(props: { facts: ConsultationFacts; areaNames: Map<string, string>; commentCount: number; now: Date }) {
  const { locale } = usePage();
  const t = useT();
  const c = props.facts.c;
  const open = c.status === 'open';
  const ended = c.status === 'closed' || c.status === 'report_published';
  const schedule: SummaryRow[] = [];
  if (c.announcedAt) schedule.push({ key: CL.announcedOn, value: <DateText value={c.announcedAt} /> });
  schedule.push({ key: CL.opensOn, value: c.opensAt ? <DateText value={c.opensAt} withTime /> : t(CL.notScheduled) });
  schedule.push({ key: CL.closesOn, value: c.closesAt ? <DateText value={c.closesAt} withTime /> : t(CL.notScheduled) });
  if (c.reportPublishedAt) schedule.push({ key: CL.reportOn, value: <DateText value={c.reportPublishedAt} /> });
  const commentState = open
    ? c.closesAt
      ? t(CL.stateOpenUntil, { date: formatDate(locale, c.closesAt) })
      : t(CL.stateOpen)
    : c.status === 'announced'
      ? t(CL.stateNotYet)
      : t(CL.stateClosed);
  const surveyState = open ? t(CL.surveyOpen) : c.status === 'announced' ? t(CL.stateNotYet) : ended ? t(CL.stateResults) : t(CL.stateClosed);
  const upcoming = c.meetings.filter((m) => new Date(m.endsAt).getTime() > props.now.getTime()).length;
  const base = `/consultations/${c.id}`;
  return (
    <ConsultationFrame facts={props.facts} active="overview" heading={c.title}>
      {c.status === 'cancelled' ? (
        <NotificationBanner kind="info" heading={t(CL.cancelledHeadingBanner)}>
          {c.cancelledReason ? <p class="govuk-body">{t(CL.cancelledReason, { reason: c.cancelledReason })}</p> : null}
        </NotificationBanner>
      ) : null}
      {c.status === 'announced' && c.opensAt ? (
        <NotificationBanner kind="info" heading={t(CL.announcedBanner, { date: formatDate(locale, c.opensAt) })} />
      ) : null}
      {c.status === 'closed' && c.closesAt ? <NotificationBanner kind="info" heading={t(CL.closedBanner, { date: formatDate(locale, c.closesAt) })} /> : null}
      <p class="govuk-body-l">{c.summary}</p>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">{t(CL.aboutHeading)}</h2>
          <Markdown html={c.bodyHtml} />
          {c.status !== 'cancelled' ? (
            <>
              <h2 class="govuk-heading-m" id="how">
                {t(CL.howHeading)}
              </h2>
              <ul class="govuk-list civitas-participation">
                <li>
                  <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                    <a class="govuk-link" href={`${base}/document`}>
                      {t(CL.goDocument)}
                    </a>
                  </h3>
                  <p class="govuk-body">
                    {t(c.documentVersion > 0 ? CL.formDocument : CL.formComments)}: {commentState}
                    {props.commentCount > 0 ? ` (${props.commentCount})` : ''}
                  </p>
                </li>
                {props.facts.hasSurvey ? (
                  <li>
                    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                      <a class="govuk-link" href={`${base}/survey`}>
                        {t(CL.goSurvey)}
                      </a>
                    </h3>
                    <p class="govuk-body">
                      {t(CL.formSurvey)}: {surveyState}
                    </p>
                  </li>
                ) : null}
                {c.meetings.length > 0 ? (
                  <li>
                    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                      <a class="govuk-link" href={`${base}/meetings`}>
                        {t(CL.goMeetings)}
                      </a>
                    </h3>
                    <p class="govuk-body">
                      {t(CL.meetingsCount, { n: c.meetings.length })}
                      {upcoming < c.meetings.length ? ` (${t(CL.upcoming, { n: upcoming })})` : ''}
                    </p>
                  </li>
                ) : null}
                {c.status === 'report_published' ? (
                  <li>
                    <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                      <a class="govuk-link" href={`${base}/report`}>
                        {t(CL.goReport)}
                      </a>
                    </h3>
                  </li>
                ) : null}
              </ul>
            </>
          ) : null}
          {c.attachments.length > 0 ? (
            <>
              <h2 class="govuk-heading-m">{t(CL.attachmentsHeading)}</h2>
              <ul class="govuk-list">
                {c.attachments.map((a) => (
                  <li>
                    <a class="govuk-link" href={`/api/v1/consultations/${c.id}/attachments/${a.id}`} download>
                      {t(CL.attachmentLink, { name: a.fileName, type: TYPE_NAMES[a.mediaType] ?? a.mediaType, size: fileSize(locale, a.size) })}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div class="govuk-grid-column-one-third">
          <h2 class="govuk-heading-m">{t(CL.scheduleHeading)}</h2>
          <SummaryList rows={schedule} />
          <SummaryList
            rows={[
              { key: CL.area, value: areasText(c.areaIds, props.areaNames, t(CL.wholeCity)) },
              ...(c.topic ? [{ key: CL.topic, value: c.topic }] : []),
              { key: CL.audience, value: t(c.audience === 'ngo' ? CL.audienceNgo : CL.audienceEveryone) },
              { key: CL.organiser, value: c.organiserUnit },
              { key: CL.contact, value: c.contact },
            ]}
          />
          {c.status !== 'cancelled' ? (
            <div class="civitas-subscribe">
              <p class="govuk-body">
                <a class="govuk-link" href={`/subscriptions/new?topic=${encodeURIComponent(`consultation:${c.id}`)}`}>
                  {t(CL.subscribe)}
                </a>
              </p>
              <p class="govuk-body-s">{t(CL.subscribeHint)}</p>
            </div>
          ) : null}
        </div>
      </div>
    </ConsultationFrame>
  );
}
